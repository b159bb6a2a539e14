namespace Mandate.Client.Dpop;

/// <summary>How a <see cref="DpopHandler"/> treats requests.</summary>
public sealed record DpopHandlerOptions
{
    /// <summary>
    /// Whether a request carrying <c>Authorization: Bearer</c> is sent as <c>Authorization: DPoP</c> with a proof that
    /// binds the token (<c>ath</c>). Turn it on when something else (an SDK's own OAuth support) attaches tokens you
    /// know are DPoP-bound. Off (the default): Bearer requests pass untouched, without a proof, since a Bearer token is
    /// not bound to any key.
    /// </summary>
    public bool UpgradeBearerTokens { get; init; }

    /// <summary>The clock for each proof's <c>iat</c>; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
