namespace Mandate.Client.OAuth;

/// <summary>
/// A token exchange request (RFC 8693 §2.1). <see cref="ToString"/> leaves the tokens out.
/// </summary>
public sealed record TokenExchangeRequest
{
    /// <summary><c>subject_token</c>: the token being narrowed (the delegator's). A secret.</summary>
    public required string SubjectToken { get; init; }

    /// <summary><c>subject_token_type</c>; an access token by default.</summary>
    public string SubjectTokenType { get; init; } = TokenTypes.AccessToken;

    /// <summary><c>scope</c>: the scopes wanted, a subset of the subject token's; null or empty keeps them all.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary><c>resource</c> (RFC 8707): where the new token will be used; null keeps the subject token's audience.</summary>
    public string? Resource { get; init; }

    /// <summary><c>audience</c>: the logical name of the target service, or null.</summary>
    public string? Audience { get; init; }

    /// <summary><c>actor_token</c>: the calling agent's own credential, or null (the authenticated client is the actor). A secret.</summary>
    public string? ActorToken { get; init; }

    /// <summary><c>actor_token_type</c>, sent with <see cref="ActorToken"/>; an access token by default, <see cref="TokenTypes.Jwt"/> for an assertion.</summary>
    public string ActorTokenType { get; init; } = TokenTypes.AccessToken;

    /// <summary><c>requested_token_type</c>, or null for the server's default (an access token).</summary>
    public string? RequestedTokenType { get; init; }

    /// <summary>Describes the request without its tokens.</summary>
    /// <returns>Scopes, resource and audience.</returns>
    public override string ToString() =>
        $"TokenExchangeRequest {{ Scopes = {(Scopes is null ? null : string.Join(' ', Scopes))}, Resource = {Resource}, Audience = {Audience}, HasActorToken = {ActorToken is not null} }}";
}
