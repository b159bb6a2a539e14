using System.CommandLine;
using System.Text.Json;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;

namespace Mandate.Cli;

/// <summary>mandate connectors add|list|remove: the third-party services people connect their accounts to.</summary>
public static class ConnectorsCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The connector's name: lower-case letters, digits, '-' and '_', at most 64." };
    private static readonly Option<string?> Issuer = new("--issuer") { Description = "The provider's issuer: its endpoints are discovered from RFC 8414 / OpenID Connect metadata, and RFC 9207 iss is checked against it." };
    private static readonly Option<string?> AuthorizeUrl = new("--authorize-url") { Description = "The provider's authorization endpoint (instead of or over --issuer)." };
    private static readonly Option<string?> TokenUrl = new("--token-url") { Description = "The provider's token endpoint (instead of or over --issuer)." };
    private static readonly Option<string?> RevocationUrl = new("--revocation-url") { Description = "The provider's RFC 7009 revocation endpoint, used on disconnect." };
    private static readonly Option<string?> ClientId = new("--client-id") { Description = "Mandate's client id at the provider." };
    private static readonly Option<bool> ClientSecretStdin = new("--client-secret-stdin") { Description = "Read the client secret from the first line of standard input (stored sealed in the vault)." };
    private static readonly Option<string?> PrivateKeyJwt = new("--private-key-jwt") { Description = "A file with a private JWK: authenticate with private_key_jwt (stored sealed in the vault)." };
    private static readonly Option<string[]> Scopes = new("--scope") { Description = "A scope to ask for; repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> ExtraParams = new("--extra-param") { Description = "k=v added to the authorization request (e.g. access_type=offline); repeat for more." };
    private static readonly Option<string?> Dpop = new("--dpop") { Description = "DPoP-bound provider tokens (RFC 9449): auto (default: when the provider's metadata offers ES256), on, or off." };
    private static readonly Option<bool> ApiKey = new("--api-key") { Description = "An API-key connector: each person pastes their key on the Connections page." };

    public static Command Create()
    {
        var add = new Command("add", "Add or replace a connector.") { Name, Issuer, AuthorizeUrl, TokenUrl, RevocationUrl, ClientId, ClientSecretStdin, PrivateKeyJwt, Scopes, ExtraParams, Dpop, ApiKey };
        add.SetAction(AddAsync);
        var list = new Command("list", "List connectors (never their secrets).");
        list.SetAction(ListAsync);
        var remove = new Command("remove", "Remove a connector and every connection to it, revoking each connection's tokens at the provider first (RFC 7009, when it offers revocation).") { Name };
        remove.SetAction(RemoveAsync);
        return new Command("connectors", "Manage the third-party services people connect (credential vault).") { add, list, remove };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(ExtraParams) ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                return Output.Fail($"--extra-param '{pair}' is not k=v.");
            }

            extras[pair[..at]] = pair[(at + 1)..];
        }

        string? secret = null;
        if (parse.GetValue(ClientSecretStdin))
        {
            secret = await PasswordInput.ReadAsync(cancellationToken);
            if (string.IsNullOrEmpty(secret))
            {
                return Output.Fail("--client-secret-stdin: standard input had no secret.");
            }
        }

        string? jwk = null;
        if (parse.GetValue(PrivateKeyJwt) is { } keyFile)
        {
            if (!File.Exists(keyFile))
            {
                return Output.Fail($"--private-key-jwt: no file {keyFile}.");
            }

            jwk = await File.ReadAllTextAsync(keyFile, cancellationToken);
        }

        var dpopChoice = parse.GetValue(Dpop) ?? "auto";
        if (dpopChoice is not ("auto" or "on" or "off"))
        {
            return Output.Fail($"--dpop '{dpopChoice}': say auto, on or off.");
        }

        bool? dpop = dpopChoice == "auto" ? null : dpopChoice == "on";
        var definition = new ConnectorDefinition
        {
            Name = parse.GetValue(Name)!,
            Kind = parse.GetValue(ApiKey) ? ConnectorKind.ApiKey : ConnectorKind.OAuth,
            Issuer = parse.GetValue(Issuer),
            AuthorizeUrl = parse.GetValue(AuthorizeUrl),
            TokenUrl = parse.GetValue(TokenUrl),
            RevocationUrl = parse.GetValue(RevocationUrl),
            ClientId = parse.GetValue(ClientId),
            ClientSecret = secret,
            PrivateKeyJwk = jwk,
            Scopes = parse.GetValue(Scopes) ?? [],
            ExtraParameters = extras,
            Dpop = dpop,
        };
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var (connector, error) = await context.Get<ConnectorRegistration>().SaveAsync(definition, cancellationToken);
        if (connector is null)
        {
            return Output.Fail(error!);
        }

        var callback = context.Get<ConnectionsUrl>().Callback;
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                Write(w, connector);
                w.WriteString("redirect_uri", connector.Kind == ConnectorKind.OAuth ? callback : null);
            });
        }
        else
        {
            Console.Out.WriteLine($"Connector {connector.Name} saved ({Describe(connector)}).");
            if (connector.Kind == ConnectorKind.OAuth)
            {
                Console.Out.WriteLine($"Register this redirect URI at the provider: {callback}");
            }
        }

        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var connectors = await context.Get<IConnectorStore>().ListAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(connectors, Write);
        }
        else
        {
            Output.Table(["NAME", "KIND", "PROVIDER", "CLIENT_AUTH", "TOKENS", "SCOPES"], connectors.Select(c => (IReadOnlyList<string>)[
                c.Name,
                c.Kind == ConnectorKind.ApiKey ? "api-key" : "oauth",
                c.Issuer ?? c.AuthorizationEndpoint ?? "",
                c.Kind == ConnectorKind.ApiKey ? "" : c.ClientAuthMethod,
                c.Kind == ConnectorKind.ApiKey ? "" : c.DpopAlgorithm is null ? "bearer" : "DPoP " + c.DpopAlgorithm,
                string.Join(' ', c.Scopes)]));
        }

        return 0;
    }

    private static async Task<int> RemoveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (await context.Get<IConnectorStore>().FindAsync(name, cancellationToken) is null)
        {
            return Output.Fail($"No connector {name}.");
        }

        // Each person's connection is disconnected as if they pressed Disconnect: revoked at the provider, deleted, audited.
        var disconnected = 0;
        var service = context.Get<ConnectionService>();
        foreach (var connection in await context.Get<IConnectionStore>().ListAsync(name, cancellationToken))
        {
            disconnected += await service.DisconnectAsync(connection.UserId, name, cancellationToken) ? 1 : 0;
        }

        if (!await context.Get<IConnectorStore>().RemoveAsync(name, cancellationToken))
        {
            return Output.Fail($"No connector {name}.");
        }

        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("removed", name);
                w.WriteNumber("connections_disconnected", disconnected);
            });
        }
        else
        {
            Console.Out.WriteLine($"Removed connector {name}; disconnected {disconnected} connection(s), revoking at the provider where it offers revocation.");
        }

        return 0;
    }

    private static string Describe(Connector c) => c.Kind == ConnectorKind.ApiKey
        ? "API key pasted by each person"
        : $"OAuth, {c.ClientAuthMethod}{(c.PushedAuthorizationRequestEndpoint is null ? "" : ", PAR")}{(c.IssParameterSupported ? ", iss required" : "")}{(c.DpopAlgorithm is null ? "" : ", DPoP " + c.DpopAlgorithm)}{(c.RevocationEndpoint is null ? ", no revocation endpoint" : "")}";

    private static void Write(Utf8JsonWriter w, Connector c)
    {
        w.WriteString("name", c.Name);
        w.WriteString("kind", c.Kind == ConnectorKind.ApiKey ? "api-key" : "oauth");
        w.WriteString("issuer", c.Issuer);
        w.WriteString("authorization_endpoint", c.AuthorizationEndpoint);
        w.WriteString("token_endpoint", c.TokenEndpoint);
        w.WriteString("revocation_endpoint", c.RevocationEndpoint);
        w.WriteString("pushed_authorization_request_endpoint", c.PushedAuthorizationRequestEndpoint);
        w.WriteBoolean("iss_parameter_supported", c.IssParameterSupported);
        if (c.DpopAlgorithm is not null)
        {
            w.WriteString("dpop_signing_alg", c.DpopAlgorithm);
        }

        w.WriteString("client_id", c.ClientId);
        w.WriteString("client_auth_method", c.ClientAuthMethod);
        w.WriteStartArray("scopes");
        foreach (var scope in c.Scopes)
        {
            w.WriteStringValue(scope);
        }

        w.WriteEndArray();
        w.WriteStartObject("extra_params");
        foreach (var (k, v) in c.ExtraParameters)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }
}
