using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Providers;
using Mandate.Core.Vault.Refresh;
using Mandate.Protocol.Jose;
using Mandate.Protocol.Pkce;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault.Connect;

/// <summary>
/// The authorization code flow with PKCE (S256) that connects a person's account at a provider: <c>state</c> bound to
/// the person's session, single use and short-lived; PAR when the provider offers it; RFC 9207 <c>iss</c> checked
/// (required when the provider advertises it); the tokens sealed per person and connector.
/// </summary>
public sealed class ConnectFlow(
    IConnectorStore connectors,
    IConnectionStore connections,
    IConnectFlowStore flows,
    ProviderClient provider,
    ConnectionSealing sealing,
    CredentialMemoryCache cache,
    VaultAudit audit,
    ConnectionsUrl urls,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    public async Task<ConnectStart> StartAsync(string userId, string sessionBinding, string connectorName, CancellationToken cancellationToken)
    {
        var connector = await connectors.FindAsync(connectorName, cancellationToken);
        if (connector is not { Kind: ConnectorKind.OAuth, AuthorizationEndpoint: not null })
        {
            return new ConnectStart(null, "No such OAuth connector.");
        }

        var state = RandomTokens.Create(32);
        var verifier = RandomTokens.Create(32);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", connector.ClientId ?? ""),
            new("redirect_uri", urls.Callback),
            new("state", state),
            new("code_challenge", Pkce.ComputeS256Challenge(verifier)),
            new("code_challenge_method", "S256"),
        };
        if (connector.Scopes.Count > 0)
        {
            parameters.Add(new("scope", string.Join(' ', connector.Scopes)));
        }

        parameters.AddRange(connector.ExtraParameters);
        string? dpopKey = null;
        if (connector.DpopAlgorithm is not null)
        {
            // RFC 9449 §10: the code is bound to the key (dpop_jkt), so only this flow's token request can redeem it.
            using var key = ProviderDpopKey.Create();
            dpopKey = ProviderDpopKey.ToPrivateJwk(key);
            parameters.Add(new("dpop_jkt", JwkThumbprint.Compute(key)));
        }

        string url;
        if (connector.PushedAuthorizationRequestEndpoint is not null)
        {
            var (requestUri, error) = await provider.PushAsync(connector, parameters, cancellationToken);
            if (requestUri is null)
            {
                return new ConnectStart(null, $"The provider refused the pushed authorization request ({error}).");
            }

            url = AppendQuery(connector.AuthorizationEndpoint, [new("client_id", connector.ClientId ?? ""), new("request_uri", requestUri)]);
        }
        else
        {
            url = AppendQuery(connector.AuthorizationEndpoint, parameters);
        }

        var now = time.GetUtcNow();
        flows.Add(state, new PendingConnect(userId, sessionBinding, connector.Name, verifier, urls.Callback, now + options.Value.Vault.ConnectFlowLifetime) { DpopKey = dpopKey }, now);
        return new ConnectStart(url, null);
    }

    public async Task<ConnectOutcome> CompleteAsync(string userId, string sessionBinding, ConnectCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var pending = string.IsNullOrEmpty(callback.State) ? null : flows.Take(callback.State, time.GetUtcNow());
        if (pending is null)
        {
            return new ConnectOutcome(null, "This sign-in link has expired or was already used. Start again from the Connections page.");
        }

        if (pending.UserId != userId || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pending.SessionBinding), Encoding.UTF8.GetBytes(sessionBinding)))
        {
            return new ConnectOutcome(null, "This connection was started in another session. Start again from the Connections page.");
        }

        var connector = await connectors.FindAsync(pending.Connector, cancellationToken);
        if (connector is null)
        {
            return new ConnectOutcome(null, "The connector was removed.");
        }

        if (IssuerProblem(connector, callback.Issuer) is { } issuerProblem)
        {
            await audit.RecordAsync(VaultAudit.ConnectKind, "deny", userId, connector.Name, issuerProblem, cancellationToken);
            return new ConnectOutcome(null, "The answer did not come from the expected provider (RFC 9207 iss check failed).");
        }

        if (callback.Error is not null || string.IsNullOrEmpty(callback.Code))
        {
            var code = SafeCode(callback.Error) ?? "no_code";
            await audit.RecordAsync(VaultAudit.ConnectKind, "deny", userId, connector.Name, "provider: " + code, cancellationToken);
            return new ConnectOutcome(null, $"The provider did not grant access ({code}).");
        }

        using var dpopKey = ProviderDpopKey.FromPrivateJwk(pending.DpopKey);
        var tokens = await provider.TokenAsync(
            connector,
            [new("grant_type", "authorization_code"), new("code", callback.Code), new("redirect_uri", pending.RedirectUri), new("code_verifier", pending.CodeVerifier)],
            dpopKey,
            cancellationToken);
        if (!tokens.Success)
        {
            await audit.RecordAsync(VaultAudit.ConnectKind, "error", userId, connector.Name, "token: " + tokens.Error, cancellationToken);
            return new ConnectOutcome(null, $"The provider did not issue tokens ({tokens.Error}).");
        }

        await StoreAsync(userId, connector, tokens, pending.DpopKey, cancellationToken);
        await audit.RecordAsync(VaultAudit.ConnectKind, "allow", userId, connector.Name, null, cancellationToken);
        return new ConnectOutcome(connector.Name, null);
    }

    private async Task StoreAsync(string userId, Connector connector, ProviderTokenResponse tokens, string? dpopKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = tokens.ExpiresIn is { } seconds ? now.AddSeconds(seconds) : (DateTimeOffset?)null;
        var credential = new StoredCredential { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, TokenType = tokens.TokenType ?? "Bearer", DpopKey = dpopKey };
        await connections.UpsertAsync(
            new Connection
            {
                UserId = userId,
                Connector = connector.Name,
                SealedCredential = await sealing.SealAsync(userId, connector.Name, connector.Kind, credential, cancellationToken),
                ExpiresAt = expiresAt,
                RefreshDueAt = RefreshSchedule.DueAt(now, expiresAt, tokens.RefreshToken is not null, options.Value.Vault),
                Scope = tokens.Scope ?? (connector.Scopes.Count > 0 ? string.Join(' ', connector.Scopes) : null),
                CreatedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        cache.Invalidate(userId, connector.Name);
    }

    /// <summary>RFC 9207 §2.4: a present iss must equal the provider's issuer; an advertised one must be present.</summary>
    private static string? IssuerProblem(Connector connector, string? iss)
    {
        if (iss is null)
        {
            return connector.IssParameterSupported ? "iss missing" : null;
        }

        return connector.Issuer is not null && iss != connector.Issuer ? "iss mismatch" : null;
    }

    private static string? SafeCode(string? error) =>
        error is { Length: > 0 and <= 64 } && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? error : error is null ? null : "error";

    private static string AppendQuery(string endpoint, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
