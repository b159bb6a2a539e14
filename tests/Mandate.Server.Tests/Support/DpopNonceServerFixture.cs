namespace Mandate.Server.Tests.Support;

/// <summary>A server whose DPoP proofs must carry its nonce (Dpop:RequireNonce).</summary>
public sealed class DpopNonceServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Dpop:RequireNonce"] = "true" };
}
