using Mandate.Core.ClientAuthentication;
using Mandate.Core.Configuration;
using Mandate.Core.OAuth;
using Mandate.Protocol.OAuth;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.OAuth.ClientAuthentication;

/// <summary>The first steps every client-authenticated endpoint shares: read the form, authenticate the client.</summary>
public static class EndpointClientAuthentication
{
    /// <summary>Returns the form and the client, or writes the error response and returns nulls.</summary>
    /// <param name="endpointPaths">The endpoint's path, then any other whose URL a client assertion may name as audience.</param>
    public static async Task<(OAuthParameters? Form, ClientAuthenticationResult? Client)> ReadAndAuthenticateAsync(HttpContext context, params string[] endpointPaths)
    {
        ArgumentNullException.ThrowIfNull(endpointPaths);
        ArgumentNullException.ThrowIfNull(context);
        var (form, formError) = await FormReader.ReadAsync(context.Request);
        if (form is null)
        {
            await OAuthResponses.WriteErrorAsync(context, formError!);
            return (null, null);
        }

        var issuer = context.RequestServices.GetRequiredService<IOptions<MandateOptions>>().Value.Issuer;
        var request = ClientAuthenticationReader.Read(context.Request, form, [issuer, .. endpointPaths.Select(path => issuer + path)]);
        if (request is null)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidClient("The Authorization header is malformed."), basicChallenge: true);
            return (null, null);
        }

        var result = await context.RequestServices.GetRequiredService<ClientAuthenticator>().AuthenticateAsync(request, context.RequestAborted);
        if (!result.Succeeded)
        {
            await OAuthResponses.WriteErrorAsync(context, result.Error!, result.UsedBasic);
            return (null, null);
        }

        return (form, result);
    }
}
