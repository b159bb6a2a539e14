using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Security;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Interop.Tests.Support;
using Mandate.Server.Vault;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Interop.Tests.Vault;

/// <summary>
/// The credential vault against a real third-party provider, panva's <c>oidc-provider</c> (tests/interop/node/
/// oidc-provider-service.mjs), standing in for the service a person connects: discovery, the console's connect flow
/// (PAR, PKCE, state, RFC 9207 iss), tokens stored sealed, refresh on expiry with rotation at the provider (on demand
/// and in the background, one refresh for concurrent callers), revocation at the provider surfacing "reconnect
/// needed", disconnect revoking at the provider, and the ledger naming the connector but never a token.
/// </summary>
public sealed class OidcProviderConnectionTests
{
    internal const string Connector = "provider";
    internal const string ClientId = "mandate-vault";
    internal const string Account = "alice@provider";

    [Fact]
    public async Task Person_ConnectsThroughTheConsole_AndMandateRefreshesRotatesAndNoticesRevocation()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        var logs = new LogCapture();
        await using var mandate = await MandateTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Security:AllowLoopbackFetch"] = "true",
                ["Vault:RefreshPollInterval"] = "01:00:00",
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var alice = await mandate.AddUserAsync("alice");
        var clientSecret = RandomTokens.Create(24);
        await using var provider = await NodeServer.StartAsync(node, "oidc-provider-service.mjs", new Dictionary<string, string>
        {
            ["REDIRECT_URI"] = mandate.Issuer + "/connections/callback",
            ["CLIENT_ID"] = ClientId,
            ["CLIENT_SECRET"] = clientSecret,
            ["ACCOUNT"] = Account,
            ["ACCESS_TOKEN_TTL"] = "30",
        });
        var issuer = JsonAssert.Text(provider.Ready, "issuer");
        var services = mandate.Services;
        var seen = new List<string> { clientSecret };

        // The operator adds the connector: endpoints, PAR and iss support come from the provider's metadata.
        var (connector, error) = await services.GetRequiredService<ConnectorRegistration>().SaveAsync(
            new ConnectorDefinition
            {
                Name = Connector,
                Issuer = issuer,
                ClientId = ClientId,
                ClientSecret = clientSecret,
                Scopes = ["openid", "offline_access"],
                ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" },

                // Bearer tokens here (oidc-provider offers DPoP, which Mandate would use): the DPoP path has its own tests.
                Dpop = false,
            },
            CancellationToken.None);
        Assert.True(connector is not null, error);
        Assert.Equal(issuer + "/token", connector.TokenEndpoint);
        Assert.Equal(issuer + "/request", connector.PushedAuthorizationRequestEndpoint);
        Assert.Equal(issuer + "/token/revocation", connector.RevocationEndpoint);
        Assert.True(connector.IssParameterSupported);
        Assert.Equal(ClientAuthMethods.ClientSecretBasic, connector.ClientAuthMethod);
        Assert.DoesNotContain(clientSecret, connector.SealedClientCredential, StringComparison.Ordinal);

        using var person = new ConsolePerson(mandate.Issuer);
        await person.SignInAsync("alice");
        Assert.Contains("Not connected", await person.PageAsync(), StringComparison.Ordinal);
        await ConnectAsync(person, mandate.Issuer, issuer, provider);
        Assert.Contains("Connected " + Connector, await ConnectedPageAsync(person), StringComparison.Ordinal);

        var store = services.GetRequiredService<IConnectionStore>();
        var first = await CredentialAsync(services, alice.Id);
        seen.AddRange([first.AccessToken!, first.RefreshToken!]);
        var row = (await store.FindAsync(alice.Id, Connector, CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.Connected, row.Status);
        Assert.NotNull(row.ExpiresAt);
        Assert.NotNull(row.RefreshDueAt);
        Assert.DoesNotContain(first.AccessToken!, row.SealedCredential, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(issuer, first.AccessToken!)).StatusCode);

        // The broker hands out the stored token while it is fresh.
        var broker = services.GetRequiredService<ICredentialBroker>();
        var fresh = await broker.GetAsync(alice.Id, Connector, CancellationToken.None);
        Assert.Equal(CredentialStatus.Available, fresh.Status);
        Assert.Equal(first.AccessToken, fresh.Credential!.Value);
        Assert.DoesNotContain(first.AccessToken!, fresh.Credential.ToString(), StringComparison.Ordinal);

        // Expiry forces a refresh; the provider rotates the refresh token; several callers at once cause one refresh.
        await ExpireAsync(services, alice.Id);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => broker.GetAsync(alice.Id, Connector, CancellationToken.None)));
        var second = await CredentialAsync(services, alice.Id);
        seen.AddRange([second.AccessToken!, second.RefreshToken!]);
        Assert.All(results, r => Assert.Equal(second.AccessToken, r.Credential?.Value));
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(issuer, second.AccessToken!)).StatusCode);
        Assert.Single(await EventsAsync(services, VaultAudit.RefreshKind));

        // The background refresher renews what is due, under the same lease.
        var due = (await store.FindAsync(alice.Id, Connector, CancellationToken.None))!;
        await store.UpsertAsync(due with { RefreshDueAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, CancellationToken.None);
        Assert.Equal(1, await services.GetRequiredService<ConnectionRefreshService>().RunOnceAsync(CancellationToken.None));
        var third = await CredentialAsync(services, alice.Id);
        seen.AddRange([third.AccessToken!, third.RefreshToken!]);
        Assert.NotEqual(second.RefreshToken, third.RefreshToken);
        Assert.Equal(2, (await EventsAsync(services, VaultAudit.RefreshKind)).Count);

        // The grant is revoked at the provider: the next refresh fails, the connection says "reconnect needed".
        Assert.Equal(HttpStatusCode.OK, (await RevokeAtProviderAsync(issuer, clientSecret, third.RefreshToken!)).StatusCode);
        await ExpireAsync(services, alice.Id);
        var dead = await broker.GetAsync(alice.Id, Connector, CancellationToken.None);
        Assert.Equal(CredentialStatus.ReconnectNeeded, dead.Status);
        Assert.Equal(mandate.Issuer + "/connections?connector=" + Connector, dead.ConnectUrl);
        Assert.Equal("invalid_grant", (await store.FindAsync(alice.Id, Connector, CancellationToken.None))!.LastError);
        var page = await person.PageAsync();
        Assert.Contains("Reconnect needed", page, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", page, StringComparison.Ordinal);
        var failure = Assert.Single(await EventsAsync(services, VaultAudit.RefreshFailedKind));
        Assert.Equal("deny", failure.Decision);
        Assert.Equal(alice.Id, failure.Subject);
        Assert.Equal("connector:" + Connector, failure.Resource);

        // Reconnect, then disconnect: Mandate revokes at the provider (the access token stops working there) and forgets.
        await ConnectAsync(person, mandate.Issuer, issuer, provider);
        var fourth = await CredentialAsync(services, alice.Id);
        seen.AddRange([fourth.AccessToken!, fourth.RefreshToken!]);
        Assert.Equal(CredentialStatus.Available, (await broker.GetAsync(alice.Id, Connector, CancellationToken.None)).Status);
        var disconnected = await person.PressAsync("Disconnect", Connector);
        Assert.Contains("Disconnected " + Connector, await disconnected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await store.FindAsync(alice.Id, Connector, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(issuer, fourth.AccessToken!)).StatusCode);
        Assert.Equal(CredentialStatus.NotConnected, (await broker.GetAsync(alice.Id, Connector, CancellationToken.None)).Status);
        Assert.Equal("revoked at provider", Assert.Single(await EventsAsync(services, VaultAudit.DisconnectKind)).Reason);
        Assert.Equal(2, (await EventsAsync(services, VaultAudit.ConnectKind)).Count(e => e.Decision == "allow"));

        // No ledger entry, log line or page holds a token or the client secret.
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => seen.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(person.Bodies, body => seen.Any(secret => body.Contains(secret, StringComparison.Ordinal)));
        foreach (var entry in await services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { Limit = 10_000 }, CancellationToken.None))
        {
            var text = Encoding.UTF8.GetString(entry.Entry);
            Assert.DoesNotContain(seen, secret => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PrivateKeyJwtConnector_Connects_Refreshes_AndRevokes_WithSignedAssertions()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var mandate = await MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Security:AllowLoopbackFetch"] = "true",
            ["Vault:RefreshPollInterval"] = "01:00:00",
        });
        var alice = await mandate.AddUserAsync("alice");
        using var key = Protocol.Jose.EcdsaJwsKey.Generate("mandate-connector-1");
        await using var provider = await NodeServer.StartAsync(node, "oidc-provider-service.mjs", new Dictionary<string, string>
        {
            ["REDIRECT_URI"] = mandate.Issuer + "/connections/callback",
            ["CLIENT_ID"] = ClientId,
            ["CLIENT_SECRET"] = RandomTokens.Create(24),
            ["ACCOUNT"] = Account,
            ["JWT_CLIENT_ID"] = "mandate-signed",
            ["JWT_CLIENT_JWKS"] = "{\"keys\":[" + Jwk(key.WritePublicJwk) + "]}",
        });
        var issuer = JsonAssert.Text(provider.Ready, "issuer");
        var (connector, error) = await mandate.Services.GetRequiredService<ConnectorRegistration>().SaveAsync(
            new ConnectorDefinition
            {
                Name = Connector,
                Issuer = issuer,
                ClientId = "mandate-signed",
                PrivateKeyJwk = Jwk(w =>
                {
                    w.WriteStartObject();
                    key.WritePrivateMembers(w);
                    w.WriteString("kid", key.KeyId);
                    w.WriteEndObject();
                }),
                Scopes = ["openid", "offline_access"],
                ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" },

                // Bearer tokens here (oidc-provider offers DPoP, which Mandate would use): the DPoP path has its own tests.
                Dpop = false,
            },
            CancellationToken.None);
        Assert.True(connector is not null, error);
        Assert.Equal(ClientAuthMethods.PrivateKeyJwt, connector.ClientAuthMethod);

        using var person = new ConsolePerson(mandate.Issuer);
        await person.SignInAsync("alice");
        await ConnectAsync(person, mandate.Issuer, issuer, provider);
        var first = await CredentialAsync(mandate.Services, alice.Id);
        await ExpireAsync(mandate.Services, alice.Id);
        var refreshed = await mandate.Services.GetRequiredService<ICredentialBroker>().GetAsync(alice.Id, Connector, CancellationToken.None);

        Assert.True(refreshed.Status == CredentialStatus.Available, provider.Stderr);
        Assert.NotEqual(first.AccessToken, refreshed.Credential!.Value);
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(issuer, refreshed.Credential.Value)).StatusCode);
        await person.PressAsync("Disconnect", Connector);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(issuer, refreshed.Credential.Value)).StatusCode);
        Assert.Equal("revoked at provider", Assert.Single(await EventsAsync(mandate.Services, VaultAudit.DisconnectKind)).Reason);
    }

    private static string Jwk(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static async Task ConnectAsync(ConsolePerson person, string mandateIssuer, string providerIssuer, NodeServer provider)
    {
        var pressed = await person.PressAsync("Connect", Connector);
        Assert.True(BrowserSession.IsRedirect(pressed), "Connect did not redirect: " + await pressed.Content.ReadAsStringAsync());
        var authorize = pressed.Headers.Location!;
        Assert.StartsWith(providerIssuer + "/auth?", authorize.AbsoluteUri, StringComparison.Ordinal);

        // PAR: the front channel carries only client_id and request_uri.
        var query = QueryParameters.Of(authorize);
        Assert.Equal(["client_id", "request_uri"], query.Keys.Order(StringComparer.Ordinal));
        var callback = await person.FollowUntilAsync(authorize, mandateIssuer + "/connections/callback");
        var answer = QueryParameters.Of(callback);
        Assert.Equal(providerIssuer, answer["iss"]);
        Assert.True(answer.ContainsKey("code") && answer.ContainsKey("state"), provider.Stderr);

        var done = await person.Browser.Http.GetAsync(callback);
        Assert.True(BrowserSession.IsRedirect(done), await done.Content.ReadAsStringAsync() + "\n" + provider.Stderr);
        Assert.Equal("/connections", done.Headers.Location!.OriginalString.Split('?')[0]);

        // The same callback again (state is single use) is refused.
        var replay = await person.Browser.Http.GetAsync(callback);
        Assert.Contains("expired or was already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ConnectedPageAsync(ConsolePerson person)
    {
        var response = await person.Browser.Http.GetAsync(person.ConnectionsUrl + "?connected=" + Connector);
        return await response.Content.ReadAsStringAsync();
    }

    internal static async Task<StoredCredential> CredentialAsync(IServiceProvider services, string userId)
    {
        var connection = (await services.GetRequiredService<IConnectionStore>().FindAsync(userId, Connector, CancellationToken.None))!;
        return (await services.GetRequiredService<ConnectionSealing>().OpenAsync(connection, ConnectorKind.OAuth, CancellationToken.None))!;
    }

    /// <summary>Makes the stored access token expired, as time would, and drops this instance's cached copy (as its bound would).</summary>
    internal static async Task ExpireAsync(IServiceProvider services, string userId)
    {
        var store = services.GetRequiredService<IConnectionStore>();
        var connection = (await store.FindAsync(userId, Connector, CancellationToken.None))!;
        await store.UpsertAsync(connection with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, CancellationToken.None);
        services.GetRequiredService<CredentialMemoryCache>().Invalidate(userId, Connector);
    }

    internal static async Task<List<AuditEvent>> EventsAsync(IServiceProvider services, string kind) =>
        (await services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { Kind = kind }, CancellationToken.None)).Select(e => e.Event).ToList();

    private static async Task<HttpResponseMessage> UserInfoAsync(string issuer, string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, issuer + "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    internal static async Task<HttpResponseMessage> RevokeAtProviderAsync(string issuer, string clientSecret, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/token/revocation")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "refresh_token" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + clientSecret)));
        return await http.SendAsync(request);
    }
}
