using System.CommandLine;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Server.OAuth.Registration;

namespace Mandate.Cli;

/// <summary>mandate clients add|list|remove: operator-registered OAuth clients.</summary>
public static class ClientsCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "A name people will see on the consent page." };
    private static readonly Argument<string> Id = new("id") { Description = "The client_id." };
    private static readonly Option<string[]> RedirectUris = new("--redirect-uri") { Description = "A redirect URI; repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> Public = new("--public") { Description = "A public client (no secret; PKCE only). The default." };
    private static readonly Option<bool> Secret = new("--secret") { Description = "A confidential client with a generated secret (client_secret_basic or _post)." };
    private static readonly Option<string?> JwksUri = new("--jwks-uri") { Description = "A confidential client authenticating with private_key_jwt, keys at this URL." };
    private static readonly Option<FileInfo?> JwksFile = new("--jwks-file") { Description = "A confidential client authenticating with private_key_jwt, keys (a JWK Set) in this file." };
    private static readonly Option<string[]> GrantTypesOption = new("--grant-type") { Description = "authorization_code (default), refresh_token, client_credentials, token-exchange (RFC 8693); repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> MayExchangeTo = new("--may-exchange-to") { Description = "A client_id that may exchange tokens issued to this client (RFC 8693 delegation); repeat for more. With exactly one, tokens carry it as may_act.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> RequirePar = new("--require-par") { Description = "The client starts authorization requests only through PAR (RFC 9126 require_pushed_authorization_requests): /authorize without a request_uri is refused." };
    private static readonly Option<bool> RequireDpop = new("--require-dpop") { Description = "The client always uses DPoP (RFC 9449 dpop_bound_access_tokens): token requests without a DPoP proof are refused." };
    private static readonly Option<string[]> Scopes = new("--scope") { Description = "A scope the client may ask for; repeat for more. Without any, any scope of the resource (user consent still applies; client_credentials gets none).", AllowMultipleArgumentsPerToken = false };

    public static Command Create()
    {
        var add = new Command("add", "Register a client.") { Name, RedirectUris, Public, Secret, JwksUri, JwksFile, GrantTypesOption, Scopes, MayExchangeTo, RequireDpop, RequirePar };
        add.SetAction(AddAsync);
        var list = new Command("list", "List registered clients (operator and dynamic).");
        list.SetAction(ListAsync);
        var remove = new Command("remove", "Remove a client; its tokens stop working when they expire.") { Id };
        remove.SetAction(RemoveAsync);
        return new Command("clients", "Manage OAuth clients.") { add, list, remove };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var kinds = new[] { parse.GetValue(Public), parse.GetValue(Secret), parse.GetValue(JwksUri) is not null, parse.GetValue(JwksFile) is not null }.Count(k => k);
        if (kinds > 1)
        {
            return Output.Fail("Choose one of --public, --secret, --jwks-uri and --jwks-file.");
        }

        JsonElement? jwks = null;
        if (parse.GetValue(JwksFile) is { } file)
        {
            try
            {
                using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
                jwks = document.RootElement.Clone();
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                return Output.Fail($"Cannot read a JWK Set from {file.FullName}: {ex.Message}");
            }
        }

        var method = parse.GetValue(Secret) ? TokenEndpointAuthMethods.ClientSecretBasic
            : jwks is not null || parse.GetValue(JwksUri) is not null ? TokenEndpointAuthMethods.PrivateKeyJwt
            : TokenEndpointAuthMethods.None;
        var scopes = parse.GetValue(Scopes) ?? [];
        var metadata = new ClientMetadata
        {
            ClientName = parse.GetValue(Name),
            RedirectUris = parse.GetValue(RedirectUris) ?? [],
            GrantTypes = parse.GetValue(GrantTypesOption) is { Length: > 0 } g ? g.Select(ExpandGrantType).ToList() : null,
            TokenEndpointAuthMethod = method,
            Scope = scopes.Length > 0 ? string.Join(' ', scopes) : null,
            JwksUri = parse.GetValue(JwksUri),
            Jwks = jwks,
            ApplicationType = "web",
            DpopBoundAccessTokens = parse.GetValue(RequireDpop) ? true : null,
            RequirePushedAuthorizationRequests = parse.GetValue(RequirePar) ? true : null,
        };
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var registration = await context.Get<ClientRegistrationService>().RegisterAsync(metadata, ClientSource.Registered, cancellationToken, parse.GetValue(MayExchangeTo));
        if (registration.Client is not { } client)
        {
            return Output.Fail(registration.Error?.Description ?? "The client is invalid.");
        }

        if (context.Json)
        {
            Output.JsonObject(w => ClientJson.Write(w, client, registration.Secret));
            return 0;
        }

        Console.Out.WriteLine($"Registered client {client.Name}");
        Console.Out.WriteLine($"  client_id:     {client.ClientId}");
        if (registration.Secret is not null)
        {
            Console.Out.WriteLine($"  client_secret: {registration.Secret}");
            Console.Out.WriteLine("  (shown once; only a hash is stored)");
        }

        Console.Out.WriteLine($"  auth method:   {client.TokenEndpointAuthMethod}");
        Console.Out.WriteLine($"  grant types:   {string.Join(' ', client.GrantTypes)}");
        if (client.MayExchangeTo.Count > 0)
        {
            Console.Out.WriteLine($"  may exchange to: {string.Join(' ', client.MayExchangeTo)}");
        }

        if (client.RequireDpop)
        {
            Console.Out.WriteLine("  DPoP:          required");
        }

        if (client.RequirePushedAuthorizationRequests)
        {
            Console.Out.WriteLine("  PAR:           required");
        }

        return 0;
    }

    /// <summary>"token-exchange" is short for the RFC 8693 grant type URN.</summary>
    private static string ExpandGrantType(string grantType) =>
        grantType == "token-exchange" ? GrantTypes.TokenExchange : grantType;

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var clients = await context.Get<IClientStore>().ListAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(clients, (w, c) =>
            {
                ClientJson.Write(w, c, secret: null);
                w.WriteString("source", c.Source.ToString().ToLowerInvariant());
            });
        }
        else
        {
            Output.Table(
                ["CLIENT_ID", "NAME", "SOURCE", "AUTH", "GRANTS"],
                clients.Select(c => (IReadOnlyList<string>)[c.ClientId, c.Name, c.Source.ToString().ToLowerInvariant(), c.TokenEndpointAuthMethod, string.Join(' ', c.GrantTypes)]));
        }

        return 0;
    }

    private static async Task<int> RemoveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(Id)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (!await context.Get<IClientStore>().RemoveAsync(id, cancellationToken))
        {
            return Output.Fail($"No client {id}.");
        }

        await context.Get<Core.Audit.AdminAudit>().RecordAsync(Core.Audit.AdminAudit.ClientRemoved, "client removed", cancellationToken, clientId: id);

        if (context.Json)
        {
            Output.JsonObject(w => w.WriteString("removed", id));
        }
        else
        {
            Console.Out.WriteLine($"Removed client {id}.");
        }

        return 0;
    }
}
