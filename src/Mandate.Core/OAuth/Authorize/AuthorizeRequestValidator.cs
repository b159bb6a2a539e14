using System.Globalization;
using Mandate.Core.Clients;
using Mandate.Core.Mandates;
using Mandate.Core.OAuth.Par;
using Mandate.Core.Resources;
using Mandate.Protocol.Jose;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Pkce;
using Mandate.Protocol.Redirects;

namespace Mandate.Core.OAuth.Authorize;

/// <summary>
/// Validates /authorize requests in the order that keeps redirects safe: first the client and the exact redirect URI
/// (errors shown to the person), then everything else (errors sent back to the client with state and iss).
/// </summary>
public sealed class AuthorizeRequestValidator(ClientResolver clients, ResourceCatalog resources, MandateRequestValidator mandates, PushedRequestResolver pushedRequests)
{
    private static readonly string[] SingleValued =
        ["client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge", "code_challenge_method", "prompt", "nonce", "max_age", "response_mode", "dpop_jkt", "authorization_details"];

    /// <summary>A request at /authorize (or the consent page): read from its pushed request when it has a request_uri.</summary>
    public Task<AuthorizeValidationResult> ValidateAsync(OAuthParameters parameters, CancellationToken cancellationToken) =>
        ValidateAsync(parameters, atPar: false, cancellationToken);

    /// <summary>A request pushed to /par (RFC 9126 §2.1), validated as it will be at /authorize.</summary>
    public Task<AuthorizeValidationResult> ValidatePushedAsync(OAuthParameters parameters, CancellationToken cancellationToken) =>
        ValidateAsync(parameters, atPar: true, cancellationToken);

    private async Task<AuthorizeValidationResult> ValidateAsync(OAuthParameters parameters, bool atPar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var clientId = parameters["client_id"];
        if (clientId is null || parameters.IsRepeated("client_id"))
        {
            return ShowError(OAuthError.InvalidRequest("client_id is missing or repeated."));
        }

        var resolved = await clients.ResolveAsync(clientId, cancellationToken);
        if (resolved.Client is not { } client)
        {
            return ShowError(resolved.Error ?? OAuthError.InvalidClient("Unknown client."));
        }

        string? requestUri = null;
        if (!atPar)
        {
            var pushed = await pushedRequests.ResolveAsync(client, parameters, cancellationToken);
            if (pushed.Parameters is null)
            {
                return ShowError(pushed.Error!);
            }

            (parameters, requestUri) = (pushed.Parameters, pushed.RequestUri);
        }

        var requestedRedirect = parameters["redirect_uri"];
        if (parameters.IsRepeated("redirect_uri"))
        {
            return ShowError(OAuthError.InvalidRequest("redirect_uri is repeated."));
        }

        string redirectUri;
        if (requestedRedirect is null)
        {
            // OAuth 2.1 section 4.1.1: optional only when the client registered exactly one and is not a metadata document.
            if (client.RedirectUris.Count != 1 || client.Source == ClientSource.MetadataDocument)
            {
                return ShowError(OAuthError.InvalidRequest("redirect_uri is required for this client."));
            }

            redirectUri = client.RedirectUris[0];
        }
        else if (client.RedirectUris.Any(registered => RedirectUris.Matches(registered, requestedRedirect)))
        {
            redirectUri = requestedRedirect;
        }
        else
        {
            return ShowError(OAuthError.InvalidRequest("redirect_uri does not match any URI registered for this client."));
        }

        var state = parameters["state"];
        AuthorizeValidationResult Redirect(OAuthError error) => new(null, error, redirectUri, state);

        if (parameters.FirstRepeated(SingleValued) is { } repeated)
        {
            return Redirect(OAuthError.InvalidRequest($"{repeated} is repeated."));
        }

        if (parameters["request"] is not null)
        {
            return Redirect(new OAuthError("request_not_supported", "Request objects are not supported."));
        }

        if (!atPar && requestUri is null && pushedRequests.IsRequired(client))
        {
            return Redirect(OAuthError.InvalidRequest("This client must push its authorization requests to /par first (RFC 9126)."));
        }

        if (parameters["response_type"] != "code")
        {
            return Redirect(OAuthError.UnsupportedResponseType("Only response_type=code is supported."));
        }

        if (parameters["response_mode"] is { } mode && mode != "query")
        {
            return Redirect(OAuthError.InvalidRequest("Only response_mode=query is supported."));
        }

        if (!client.AllowsGrant(GrantTypes.AuthorizationCode))
        {
            return Redirect(OAuthError.UnauthorizedClient("This client may not use the authorization code grant."));
        }

        var challenge = parameters["code_challenge"];
        if (challenge is null)
        {
            return Redirect(OAuthError.InvalidRequest("code_challenge is required (PKCE with S256)."));
        }

        if (parameters["code_challenge_method"] != "S256")
        {
            return Redirect(OAuthError.InvalidRequest("code_challenge_method must be S256; plain is not supported."));
        }

        if (!Pkce.IsValidChallenge(challenge))
        {
            return Redirect(OAuthError.InvalidRequest("code_challenge is not a valid S256 challenge."));
        }

        var target = await resources.ResolveAsync(parameters["resource"], parameters.IsRepeated("resource"), cancellationToken);
        if (target.Resource is not { } resource)
        {
            return Redirect(target.Error!);
        }

        var (mandate, mandateError) = mandates.Validate(parameters["authorization_details"], resource.Uri);
        if (mandateError is not null)
        {
            return Redirect(mandateError);
        }

        // A mandate may come instead of scope: then the token carries the mandate and no scopes.
        var scopes = mandate is not null && parameters["scope"] is null ? new ScopeResolution([], null) : ScopeRules.Resolve(parameters["scope"], client, resource);
        if (scopes.Error is not null)
        {
            return Redirect(scopes.Error);
        }

        var prompt = AuthorizePrompt.Parse(parameters["prompt"]);
        if (prompt is null)
        {
            return Redirect(OAuthError.InvalidRequest("prompt must be none, login or consent; none cannot be combined."));
        }

        int? maxAge = null;
        if (parameters["max_age"] is { } maxAgeText)
        {
            if (!int.TryParse(maxAgeText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return Redirect(OAuthError.InvalidRequest("max_age must be a non-negative integer."));
            }

            maxAge = seconds;
        }

        var nonce = parameters["nonce"];
        if (state?.Length > 2048 || nonce?.Length > 512)
        {
            return Redirect(OAuthError.InvalidRequest("state or nonce is too long."));
        }

        var dpopJkt = parameters["dpop_jkt"];
        if (dpopJkt is not null && !JwkThumbprint.IsWellFormed(dpopJkt))
        {
            return Redirect(OAuthError.InvalidRequest("dpop_jkt must be a JWK SHA-256 thumbprint (RFC 9449 section 10)."));
        }

        return new AuthorizeValidationResult(new AuthorizeRequest
        {
            Client = client,
            RedirectUri = redirectUri,
            RedirectUriSent = requestedRedirect is not null,
            State = state,
            CodeChallenge = challenge,
            Resource = resource,
            Scopes = scopes.Scopes,
            Prompt = prompt,
            Nonce = nonce,
            MaxAge = maxAge,
            DpopJkt = dpopJkt,
            Mandate = mandate,
            PushedRequestUri = requestUri,
        }, null, redirectUri, state);
    }

    private static AuthorizeValidationResult ShowError(OAuthError error) => new(null, error);
}
