using System.CommandLine;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Resources;
using Mandate.Core.Security;
using Mandate.Server.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Cli;

/// <summary>mandate upstreams add|list|remove|tools: the MCP servers (at {issuer}/mcp/{name}) and HTTP APIs (at {issuer}/http/{name}/...) behind the gateway.</summary>
public static class UpstreamsCommand
{
    public const string Transport = "streamable-http";

    internal static readonly Argument<string> Name = new("name") { Description = "The upstream's name: lower-case letters, digits, '-' and '_', at most 64; it is served at {issuer}/mcp/{name} (or {issuer}/http/{name} with --kind http)." };

    internal static readonly Option<string?> IssuerOption = new("--issuer")
    {
        Description = "The server's issuer, for the resource URI {issuer}/mcp/{name} or {issuer}/http/{name} (default: as `serve` resolves it: MANDATE_Issuer, else MANDATE_Urls, else http://127.0.0.1:5080).",
    };

    /// <summary>The words on the consent page for each gateway scope.</summary>
    private static readonly Dictionary<string, string> ConsentWords = new(StringComparer.Ordinal)
    {
        [GatewayScopes.Read] = "See and use read-only tools",
        [GatewayScopes.Write] = "Use tools that change things",
        [GatewayScopes.Destructive] = "Use tools that delete or overwrite",
    };

    /// <summary>The words on the consent page for each scope of an HTTP API upstream.</summary>
    private static readonly Dictionary<string, string> HttpConsentWords = new(StringComparer.Ordinal)
    {
        [GatewayScopes.Read] = "Read through the API (GET, HEAD and requests marked read-only)",
        [GatewayScopes.Write] = "Make requests that change things",
        [GatewayScopes.Destructive] = "Make requests that delete or overwrite",
    };

    private static readonly Option<string> Url = new("--url") { Description = "The upstream's Streamable HTTP endpoint (MCP), or the API's base URL request paths are appended to (--kind http); http or https.", Required = true };
    private static readonly Option<string> Kind = new("--kind") { Description = "mcp (an MCP server, served at {issuer}/mcp/{name}; the default) or http (a plain HTTP API, reverse-proxied at {issuer}/http/{name}/...; levels by method and path, see `mandate policy rule`).", DefaultValueFactory = _ => "mcp" };
    private static readonly Option<string[]> Headers = new("--header") { Description = "'Name: value' sent to the upstream on every request (an API key); stored encrypted, never shown again. Repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> RecordArguments = new("--record-arguments") { Description = "Keep each tool call's arguments in the audit ledger (redacted of credentials, cut at 1,024 characters), not only their SHA-256. Arguments are often personal data and cannot be removed from the ledger later." };
    private static readonly Option<string?> Credential = new("--credential") { Description = "connector:NAME: attach the calling person's credential from this connector (`mandate connectors add`) to every upstream request. The person connects on the Connections page; the agent never sees it." };
    private static readonly Option<string?> CredentialAs = new("--as") { Description = "Where the --credential goes: bearer (Authorization, the default), header:NAME or query:NAME." };
    private static readonly Option<bool> TrustAnnotations = new("--trust-annotations") { Description = "Believe the upstream's tool annotations (readOnlyHint, destructiveHint) for default levels. Otherwise every tool is destructive until you say otherwise." };
    private static readonly Option<string> TransportOption = new("--transport") { Description = "How to reach the upstream: streamable-http (the only one).", DefaultValueFactory = _ => Transport };

    public static Command Create()
    {
        var add = new Command("add", "Add or replace an upstream and register its protected resource.") { Name, Url, Kind, Headers, Credential, CredentialAs, TrustAnnotations, RecordArguments, TransportOption, IssuerOption };
        add.SetAction(AddAsync);
        var list = new Command("list", "List upstreams (header names only).");
        list.SetAction(ListAsync);
        var remove = new Command("remove", "Remove an upstream, what was recorded of its tools, and its protected resource.") { Name, IssuerOption };
        remove.SetAction(RemoveAsync);
        return new Command("upstreams", "Manage the MCP servers and HTTP APIs behind the gateway.") { add, list, remove, UpstreamToolsCommand.Create() };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        var url = parse.GetValue(Url)!;
        var issuer = parse.GetValue(IssuerOption);
        var (headers, headerError) = UpstreamHeaders.Parse(parse.GetValue(Headers) ?? []);
        string? credentialError = null;
        var credential = parse.GetValue(Credential) is { } c ? UpstreamCredential.Parse(c, parse.GetValue(CredentialAs), out credentialError)
            : parse.GetValue(CredentialAs) is not null ? Invalid("--as needs --credential.", out credentialError)
            : null;
        var kindValid = UpstreamKindNames.TryParse(parse.GetValue(Kind), out var kind);
        var error = !UpstreamRegistration.IsValidName(name) ? $"'{name}' is not a valid upstream name: use lower-case letters, digits, '-' and '_' (at most 64, starting with a letter or digit)."
            : !IsHttpUrl(url) ? "--url must be an absolute http or https URL."
            : issuer is not null && !IsHttpUrl(issuer) ? "--issuer must be an absolute http or https URL."
            : !kindValid ? "--kind must be mcp or http."
            : kind == UpstreamKind.Http && parse.GetValue(TrustAnnotations) ? "--trust-annotations is for MCP upstreams; an HTTP API's levels come from `mandate policy rule`."
            : kind == UpstreamKind.Http && parse.GetValue(RecordArguments) ? "--record-arguments is for MCP upstreams (an HTTP request's body is never recorded)."
            : parse.GetValue(TransportOption) != Transport ? $"--transport must be {Transport}."
            : headerError ?? credentialError;
        if (error is not null)
        {
            return Output.Fail(error);
        }

        await using var context = await AdminContext.OpenAsync(parse, issuer, cancellationToken);
        if (InvalidConfiguration(context) is { } invalid)
        {
            return invalid;
        }

        if (credential is not null && await context.Get<Core.Vault.Connectors.IConnectorStore>().FindAsync(credential.Connector, cancellationToken) is null)
        {
            return Output.Fail($"No connector {credential.Connector}: add it first with `mandate connectors add`.");
        }

        var upstream = new Upstream { Name = name, Kind = kind, Url = url, Transport = Transport, TrustAnnotations = parse.GetValue(TrustAnnotations), RecordArguments = parse.GetValue(RecordArguments), Headers = headers!, Credential = credential };
        var resource = await context.Get<UpstreamRegistration>().RegisterAsync(upstream, null, kind == UpstreamKind.Http ? HttpConsentWords : ConsentWords, cancellationToken);
        var headerNames = headers!.Count == 0 ? "no headers" : "headers " + string.Join(", ", headers.Keys) + " (values stored encrypted, not recorded)";
        await context.Get<Core.Audit.AdminAudit>().RecordAsync(
            Core.Audit.AdminAudit.UpstreamSaved,
            $"{UpstreamKindNames.Name(kind)} upstream saved: {url}, {headerNames}{(upstream.TrustAnnotations ? ", annotations trusted" : "")}{(upstream.RecordArguments ? ", tool arguments recorded" : "")}{(credential is null ? "" : ", credential " + credential)}",
            cancellationToken,
            upstream: name,
            resource: resource.Uri);
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                Write(w, upstream);
                w.WriteString("resource", resource.Uri);
                w.WriteStringArray("scopes", resource.Scopes);
            });
        }
        else
        {
            Console.Out.WriteLine($"Upstream {name} saved: {url}{(upstream.TrustAnnotations ? " (annotations trusted)" : "")}.");
            Console.Out.WriteLine(kind == UpstreamKind.Http
                ? $"Served at {resource.Uri}/... with scopes {string.Join(' ', resource.Scopes)}: GET, HEAD and OPTIONS need {GatewayScopes.Read}, every other method {GatewayScopes.Destructive}, until `mandate policy rule add {name}` says otherwise."
                : $"Served at {resource.Uri} with scopes {string.Join(' ', resource.Scopes)}.");
            if (headers!.Count > 0)
            {
                Console.Out.WriteLine($"Headers stored encrypted: {string.Join(", ", headers.Keys)}.");
            }

            if (credential is not null)
            {
                Console.Out.WriteLine($"Each call carries the calling person's {credential.Connector} credential ({credential.As}); people connect at {context.Get<Core.Vault.ConnectionsUrl>().For(credential.Connector)}.");
            }
        }

        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        IReadOnlyList<Upstream> upstreams;
        try
        {
            upstreams = await context.Get<IUpstreamStore>().ListAsync(cancellationToken);
        }
        catch (SecretDecryptionException ex)
        {
            return Output.Fail(ex.Message);
        }

        if (context.Json)
        {
            Output.JsonArray(upstreams, Write);
        }
        else
        {
            Output.Table(["NAME", "KIND", "URL", "TRUST", "HEADERS", "CREDENTIAL"], upstreams.Select(u => (IReadOnlyList<string>)[u.Name, UpstreamKindNames.Name(u.Kind), u.Url, u.Kind == UpstreamKind.Http ? "-" : u.TrustAnnotations ? "annotations" : "none", string.Join(", ", u.Headers.Keys), u.Credential?.ToString() ?? ""]));
        }

        return 0;
    }

    private static async Task<int> RemoveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        await using var context = await AdminContext.OpenAsync(parse, parse.GetValue(IssuerOption), cancellationToken);
        if (InvalidConfiguration(context) is { } invalid)
        {
            return invalid;
        }

        var registration = context.Get<UpstreamRegistration>();
        var kind = (await context.Get<IUpstreamStore>().FindAsync(name, cancellationToken))?.Kind ?? UpstreamKind.Mcp;
        var resource = registration.ResourceUri(name, kind);
        var hadResource = await context.Get<IResourceStore>().FindAsync(resource, cancellationToken) is not null;
        if (!await registration.RemoveAsync(name, cancellationToken))
        {
            return Output.Fail($"No upstream {name}.");
        }

        var tools = await context.Get<IToolPolicyStore>().RemoveUpstreamAsync(name, cancellationToken);
        var rules = await context.Get<Core.Gateway.Http.IHttpRuleStore>().RemoveUpstreamAsync(name, cancellationToken);
        await context.Get<Core.Audit.AdminAudit>().RecordAsync(
            Core.Audit.AdminAudit.UpstreamRemoved, $"upstream removed with {tools} tool record(s) and {rules} HTTP rule(s)", cancellationToken, upstream: name, resource: hadResource ? resource : null);
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("removed", name);
                w.WriteString("resource", hadResource ? resource : null);
                w.WriteNumber("tools_forgotten", tools);
                w.WriteNumber("rules_forgotten", rules);
            });
        }
        else
        {
            Console.Out.WriteLine($"Removed upstream {name}, {tools} tool record(s) and {rules} HTTP rule(s).");
            Console.Out.WriteLine(hadResource
                ? $"Removed its resource {resource}."
                : $"No resource {resource} was registered; if the server's issuer is another, remove it with `mandate resources remove` or pass --issuer.");
        }

        return 0;
    }

    /// <summary>The issuer names the resource, so it is checked as `serve` would check it (exit 2, like serve).</summary>
    private static int? InvalidConfiguration(AdminContext context)
    {
        try
        {
            _ = context.Get<IOptions<MandateOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine("error: " + failure);
            }

            return 2;
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static void Write(Utf8JsonWriter w, Upstream u)
    {
        w.WriteString("name", u.Name);
        w.WriteString("kind", UpstreamKindNames.Name(u.Kind));
        w.WriteString("url", u.Url);
        w.WriteString("transport", u.Transport);
        w.WriteBoolean("trust_annotations", u.TrustAnnotations);
        w.WriteBoolean("record_arguments", u.RecordArguments);
        w.WriteStringArray("headers", u.Headers.Keys);
        if (u.Credential is { } credential)
        {
            w.WriteStartObject("credential");
            w.WriteString("connector", credential.Connector);
            w.WriteString("as", credential.As);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("credential");
        }
    }

    private static UpstreamCredential? Invalid(string message, out string? error)
    {
        error = message;
        return null;
    }
}
