namespace Mandate.Core.Vault.Providers;

/// <summary>A provider's token endpoint answer: tokens, or an OAuth error code (never with the request's secrets).</summary>
public sealed record ProviderTokenResponse
{
    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public string? TokenType { get; init; }

    public long? ExpiresIn { get; init; }

    public string? Scope { get; init; }

    /// <summary>The OAuth error code, or a transport failure (<c>network_error</c>, <c>http_503</c>, <c>invalid_response</c>).</summary>
    public string? Error { get; init; }

    public bool Success => Error is null && !string.IsNullOrEmpty(AccessToken);

    /// <summary>The provider refused for good (the grant is dead): the person must connect again.</summary>
    public bool IsPermanentFailure => Error is "invalid_grant" or "invalid_client" or "unauthorized_client" or "unsupported_grant_type" or "invalid_scope";

    public static ProviderTokenResponse Failed(string error) => new() { Error = error };
}
