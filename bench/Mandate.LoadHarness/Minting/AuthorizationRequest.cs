using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Minting;

/// <summary>One authorization request (code flow, PKCE S256, state, resource) and its expected redirect.</summary>
internal sealed class AuthorizationRequest
{
    private AuthorizationRequest(Uri uri, Pkce pkce, string state)
    {
        Uri = uri;
        Pkce = pkce;
        State = state;
    }

    public Uri Uri { get; }

    public Pkce Pkce { get; }

    public string State { get; }

    public static AuthorizationRequest Create(TargetDescription target)
    {
        var endpoint = target.AuthorizationEndpoint
            ?? throw new InvalidOperationException($"{target.Name}: authorization_endpoint is required to mint codes");
        var pkce = Pkce.Create();
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        KeyValuePair<string, string>[] query =
        [
            new("response_type", "code"),
            new("client_id", target.CodeClient.ClientId),
            new("redirect_uri", target.RedirectUri.OriginalString),
            new("scope", target.Scope),
            new("resource", target.Resource),
            new("code_challenge", pkce.Challenge),
            new("code_challenge_method", "S256"),
            new("state", state),
            .. target.AuthorizationDetails is { } details ? [new KeyValuePair<string, string>("authorization_details", details)] : Array.Empty<KeyValuePair<string, string>>(),
        ];
        var separator = endpoint.Query.Length > 0 ? '&' : '?';
        var encoded = string.Join('&', query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        return new AuthorizationRequest(new Uri($"{endpoint.AbsoluteUri}{separator}{encoded}"), pkce, state);
    }
}
