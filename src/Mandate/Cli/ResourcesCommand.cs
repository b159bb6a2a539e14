using System.CommandLine;
using Mandate.Core.Resources;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Resources;
using Mandate.Server.Http;

namespace Mandate.Cli;

/// <summary>mandate resources add|list|remove: the audiences Mandate issues tokens for.</summary>
public static class ResourcesCommand
{
    private static readonly Argument<string> Uri = new("uri") { Description = "The resource's URI (RFC 8707), e.g. https://mcp.example.com/mcp." };
    private static readonly Option<string?> NameOption = new("--name") { Description = "A name people will see on the consent page." };
    private static readonly Option<string[]> Scopes = new("--scope")
    {
        Description = "A scope the resource offers; repeat for more. 'name=description' sets the words on the consent page.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create()
    {
        var add = new Command("add", "Add or update a protected resource.") { Uri, NameOption, Scopes };
        add.SetAction(AddAsync);
        var list = new Command("list", "List protected resources.");
        list.SetAction(ListAsync);
        var remove = new Command("remove", "Remove a protected resource.") { Uri };
        remove.SetAction(RemoveAsync);
        return new Command("resources", "Manage protected resources (token audiences).") { add, list, remove };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!ResourceIndicator.TryCanonicalize(parse.GetValue(Uri), out var canonical))
        {
            return Output.Fail("The resource must be an absolute http(s) URI without a fragment.");
        }

        var scopes = new List<string>();
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in parse.GetValue(Scopes) ?? [])
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            var scope = separator < 0 ? item : item[..separator];
            if (!ScopeParser.IsValidToken(scope))
            {
                return Output.Fail($"'{scope}' is not a valid scope name.");
            }

            scopes.Add(scope);
            if (separator >= 0)
            {
                descriptions[scope] = item[(separator + 1)..].Trim();
            }
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var resource = new ProtectedResource
        {
            Uri = canonical,
            Name = parse.GetValue(NameOption) ?? canonical,
            Scopes = scopes.Distinct(StringComparer.Ordinal).ToList(),
            ScopeDescriptions = descriptions,
            CreatedAt = context.Get<TimeProvider>().GetUtcNow(),
        };
        await context.Get<IResourceStore>().UpsertAsync(resource, cancellationToken);
        await context.Get<Core.Audit.AdminAudit>().RecordAsync(
            Core.Audit.AdminAudit.ResourceSaved, $"resource saved with scopes: {(resource.Scopes.Count == 0 ? "(none)" : string.Join(' ', resource.Scopes))}", cancellationToken, resource: resource.Uri);
        if (context.Json)
        {
            Output.JsonObject(w => Write(w, resource));
        }
        else
        {
            Console.Out.WriteLine($"Resource {resource.Uri} saved with scopes: {(scopes.Count == 0 ? "(none)" : string.Join(' ', resource.Scopes))}.");
        }

        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var resources = await context.Get<IResourceStore>().ListAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(resources, Write);
        }
        else
        {
            Output.Table(["URI", "NAME", "SCOPES"], resources.Select(r => (IReadOnlyList<string>)[r.Uri, r.Name, string.Join(' ', r.Scopes)]));
        }

        return 0;
    }

    private static async Task<int> RemoveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!ResourceIndicator.TryCanonicalize(parse.GetValue(Uri), out var canonical))
        {
            return Output.Fail("The resource must be an absolute http(s) URI without a fragment.");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (!await context.Get<IResourceStore>().RemoveAsync(canonical, cancellationToken))
        {
            return Output.Fail($"No resource {canonical}.");
        }

        await context.Get<Core.Audit.AdminAudit>().RecordAsync(Core.Audit.AdminAudit.ResourceRemoved, "resource removed", cancellationToken, resource: canonical);

        if (context.Json)
        {
            Output.JsonObject(w => w.WriteString("removed", canonical));
        }
        else
        {
            Console.Out.WriteLine($"Removed {canonical}.");
        }

        return 0;
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, ProtectedResource r)
    {
        w.WriteString("uri", r.Uri);
        w.WriteString("name", r.Name);
        w.WriteStringArray("scopes", r.Scopes);
        w.WriteStartObject("scope_descriptions");
        foreach (var (scope, description) in r.ScopeDescriptions)
        {
            w.WriteString(scope, description);
        }

        w.WriteEndObject();
    }
}
