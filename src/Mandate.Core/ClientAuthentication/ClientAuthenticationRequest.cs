namespace Mandate.Core.ClientAuthentication;

/// <summary>What a request presented to authenticate its client, as the HTTP layer found it.</summary>
public sealed record ClientAuthenticationRequest
{
    public string? BasicClientId { get; init; }

    public string? BasicSecret { get; init; }

    public string? FormClientId { get; init; }

    public string? FormSecret { get; init; }

    public string? AssertionType { get; init; }

    public string? Assertion { get; init; }

    /// <summary>The audiences a client assertion may name: the issuer and the URL of the endpoint called.</summary>
    public IReadOnlyList<string> AcceptedAudiences { get; init; } = [];
}
