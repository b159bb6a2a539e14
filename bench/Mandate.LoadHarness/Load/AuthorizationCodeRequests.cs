using System.Net.Http.Headers;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

/// <summary>Exchanges each pre-minted code exactly once, then reports exhaustion.</summary>
internal sealed class AuthorizationCodeRequests : IRequestSource
{
    private readonly TargetDescription _target;
    private readonly ClientCredentials _client;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ArraySegment<CodeVerifierPair> _codes;
    private int _next = -1;

    public AuthorizationCodeRequests(TargetDescription target, ArraySegment<CodeVerifierPair> codes)
    {
        _target = target;
        _client = target.CodeClient;
        _authorization = _client.BasicAuthorization();
        _codes = codes;
    }

    public HttpRequestMessage? NextRequest()
    {
        var index = Interlocked.Increment(ref _next);
        return index < _codes.Count ? FormRequest.Post(_target.TokenEndpoint, Body(_codes[index]), _authorization) : null;
    }

    private byte[] Body(CodeVerifierPair pair)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", pair.Code),
            new("redirect_uri", _target.RedirectUri.OriginalString),
            new("resource", _target.Resource),
        };
        if (pair.Verifier is not null)
        {
            fields.Add(new("code_verifier", pair.Verifier));
        }

        if (_client.IsPublic)
        {
            fields.Add(new("client_id", _client.ClientId));
        }

        return FormRequest.Encode(fields);
    }
}
