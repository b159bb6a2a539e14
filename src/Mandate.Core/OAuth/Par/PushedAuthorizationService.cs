using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.OAuth.Authorize;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Par;

/// <summary>
/// Pushed authorization requests (RFC 9126). A push is validated as /authorize would validate it and stored for
/// Tokens:PushedRequestLifetime, bound to the authenticated client. Its request_uri is single use: the first /authorize
/// with it either answers the client (and the request is gone) or, when the person must sign in or consent, trades it
/// for an internal request_uri that lives <see cref="InteractionLifetime"/> and is itself used up by the final answer.
/// </summary>
public sealed class PushedAuthorizationService(
    IPushedAuthorizationRequestStore store,
    AuthorizeRequestValidator validator,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    /// <summary>How long the person has to sign in and decide once the request reached /authorize.</summary>
    public static readonly TimeSpan InteractionLifetime = TimeSpan.FromMinutes(15);

    private static readonly HashSet<string> ClientAuthenticationParameters = new(StringComparer.Ordinal)
        { "client_id", "client_secret", "client_assertion", "client_assertion_type" };

    public async Task<PushResult> PushAsync(OAuthClient client, OAuthParameters form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        if (form["request_uri"] is not null)
        {
            return Fail(OAuthError.InvalidRequest("request_uri cannot be pushed (RFC 9126 §2.1)."));
        }

        if (form["client_id"] is { } clientId && clientId != client.ClientId)
        {
            return Fail(OAuthError.InvalidRequest("client_id is not the authenticated client."));
        }

        if (form.All.Select(p => p.Key).FirstOrDefault(form.IsRepeated) is { } repeated)
        {
            return Fail(OAuthError.InvalidRequest($"{repeated} is repeated."));
        }

        List<KeyValuePair<string, string>> parameters =
            [.. form.All.Where(p => !ClientAuthenticationParameters.Contains(p.Key)), new("client_id", client.ClientId)];
        var pushed = new PushedAuthorizationRequest(client.ClientId, parameters, time.GetUtcNow() + options.Value.Tokens.PushedRequestLifetime);
        var validation = await validator.ValidatePushedAsync(pushed.ToParameters(), cancellationToken);
        if (!validation.IsValid)
        {
            return Fail(validation.Error!);
        }

        var requestUri = await store.StoreAsync(pushed, cancellationToken);
        return new PushResult(requestUri, (int)options.Value.Tokens.PushedRequestLifetime.TotalSeconds, null);
    }

    /// <summary>The person must sign in or consent: uses the request_uri up and returns the internal one the pages carry.</summary>
    public async Task<string?> ContinueAsync(string requestUri, CancellationToken cancellationToken)
    {
        var pushed = await store.ConsumeAsync(requestUri, cancellationToken);
        return pushed is null ? null : await store.StoreAsync(pushed with { ExpiresAt = time.GetUtcNow() + InteractionLifetime }, cancellationToken);
    }

    /// <summary>The client gets its answer: uses the request_uri up. False when it was used already.</summary>
    public async Task<bool> FinishAsync(string requestUri, CancellationToken cancellationToken) =>
        await store.ConsumeAsync(requestUri, cancellationToken) is not null;

    private static PushResult Fail(OAuthError error) => new(null, 0, error);
}
