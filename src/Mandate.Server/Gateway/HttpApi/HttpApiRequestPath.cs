using Mandate.Core.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// The request's path below {issuer}/http/{name}, read from the raw request target (as the client sent it, before the
/// server decoded anything), so that it is decoded exactly once (<see cref="HttpPath"/>); and its query as sent.
/// </summary>
public sealed record HttpApiRequestPath(HttpPath Path, string Query)
{
    /// <summary>The path as sent on the wire, without query: what a DPoP proof's htu names.</summary>
    public static string RawPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            raw = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent();
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        if (!path.StartsWith('/') && Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            // Absolute-form request target (RFC 9112 §3.2.2): only its path counts.
            path = absolute.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        }

        return path;
    }

    /// <summary>Null (and why) when the path is refused; the prefix (path base, "http", name) is checked and dropped.</summary>
    public static HttpApiRequestPath? Read(HttpContext context, string name, out string? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpPath.Parse(RawPath(context), out error) is not { } whole)
        {
            return null;
        }

        string[] prefix = [.. context.Request.PathBase.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [], "http", name];
        if (whole.Segments.Count < prefix.Length || !prefix.Select((p, i) => string.Equals(p, whole.Segments[i], StringComparison.OrdinalIgnoreCase)).All(same => same))
        {
            error = "the path is not below this upstream";
            return null;
        }

        var rawQuery = context.Request.QueryString.HasValue ? context.Request.QueryString.Value! : string.Empty;
        return new HttpApiRequestPath(whole.Skip(prefix.Length), rawQuery);
    }

    /// <summary>For the audit event: the path and the names of the query parameters, never their values.</summary>
    public string AuditText
    {
        get
        {
            var names = Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)[0]).Distinct(StringComparer.Ordinal).ToList();
            var text = names.Count == 0 ? Path.Encoded : Path.Encoded + "?" + string.Join('&', names);
            return text.Length > 512 ? text[..512] : text;
        }
    }
}
