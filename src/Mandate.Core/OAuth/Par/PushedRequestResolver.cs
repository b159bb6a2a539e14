using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Par;

/// <summary>
/// At /authorize: a request with a request_uri is read from the pushed request only (RFC 9126 §4 through RFC 9101 §5:
/// every parameter outside it but client_id is ignored), which must be unexpired, unused and pushed by the same client.
/// </summary>
public sealed class PushedRequestResolver(IPushedAuthorizationRequestStore store, IOptions<MandateOptions> options)
{
    /// <summary>Whether this client may start an authorization only through PAR (globally, or for this client).</summary>
    public bool IsRequired(OAuthClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return options.Value.Security.RequirePushedAuthorizationRequests || client.RequirePushedAuthorizationRequests;
    }

    /// <summary>The parameters to validate: the pushed ones when request_uri is given, else those sent.</summary>
    public async Task<(OAuthParameters? Parameters, string? RequestUri, OAuthError? Error)> ResolveAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        var requestUri = parameters["request_uri"];
        if (requestUri is null)
        {
            return (parameters, null, null);
        }

        if (parameters.IsRepeated("request_uri"))
        {
            return (null, null, OAuthError.InvalidRequest("request_uri is repeated."));
        }

        var pushed = await store.FindAsync(requestUri, cancellationToken);
        if (pushed is null || pushed.ClientId != client.ClientId)
        {
            return (null, null, OAuthError.InvalidRequestUri("request_uri is unknown, expired, already used, or was not pushed by this client."));
        }

        return (pushed.ToParameters(), requestUri, null);
    }
}
