using System.Net.Http.Headers;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

/// <summary>Endless identical client_credentials requests; the body is encoded once.</summary>
internal sealed class ClientCredentialsRequests : IRequestSource
{
    private readonly Uri _tokenEndpoint;
    private readonly byte[] _body;
    private readonly AuthenticationHeaderValue? _authorization;

    public ClientCredentialsRequests(TargetDescription target)
    {
        _tokenEndpoint = target.TokenEndpoint;
        _authorization = new ClientCredentials(target.ClientId, target.ClientSecret).BasicAuthorization();
        _body = FormRequest.Encode(
        [
            new("grant_type", "client_credentials"),
            new("resource", target.Resource),
            new("scope", target.Scope),
        ]);
    }

    public HttpRequestMessage? NextRequest() => FormRequest.Post(_tokenEndpoint, _body, _authorization);
}
