using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Fetching;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Clients;

/// <summary>
/// Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document; MCP authorization 2025-11-25):
/// the client_id is an HTTPS URL serving the client's metadata. Fetched through the SSRF guard with size and time
/// limits, cached per HTTP caching (bounded), failures cached briefly so a bad URL cannot be used to hammer a host.
/// </summary>
public sealed partial class ClientIdMetadataDocuments(IOutboundFetcher fetcher, IOptions<MandateOptions> options, TimeProvider time, ILogger<ClientIdMetadataDocuments> logger)
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);
    private static readonly TimeSpan FailureTtl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);

    /// <summary>Whether this client_id is a URL to resolve as a metadata document (rather than a stored client).</summary>
    public bool IsMetadataDocumentId(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return options.Value.Registration.ClientIdMetadataDocumentsEnabled
            && (clientId.StartsWith("https://", StringComparison.Ordinal)
                || (options.Value.Security.AllowLoopbackFetch && clientId.StartsWith("http://", StringComparison.Ordinal)));
    }

    public async Task<ClientValidationResult> ResolveAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(clientId, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Result;
        }

        var result = await FetchAndValidateAsync(clientId, cancellationToken);
        if (cache.Count > 10_000)
        {
            cache.Clear();
        }

        if (result.Ttl > TimeSpan.Zero)
        {
            cache[clientId] = new CacheEntry(result.Result, now + result.Ttl);
        }

        return result.Result;
    }

    private async Task<(ClientValidationResult Result, TimeSpan Ttl)> FetchAndValidateAsync(string clientId, CancellationToken cancellationToken)
    {
        var urlError = CheckUrl(clientId);
        if (urlError is not null)
        {
            return (Invalid(urlError), FailureTtl);
        }

        var uri = new Uri(clientId);
        var fetched = await fetcher.FetchAsync(uri, "application/json", options.Value.Security.MaxMetadataDocumentBytes, cancellationToken);
        if (!fetched.Success || fetched.Body is null)
        {
            LogFetchFailed(logger, uri.Host, fetched.Error ?? "unknown");
            return (Invalid("The client ID metadata document could not be retrieved."), FailureTtl);
        }

        ClientMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(fetched.Body, CoreJsonContext.Default.ClientMetadata);
        }
        catch (JsonException)
        {
            return (Invalid("The client ID metadata document is not valid JSON."), FailureTtl);
        }

        if (metadata is null || !string.Equals(metadata.ClientId, clientId, StringComparison.Ordinal))
        {
            return (Invalid("The client ID metadata document's client_id does not equal its URL."), FailureTtl);
        }

        var validated = ClientMetadataValidator.Validate(metadata, ClientSource.MetadataDocument, clientId, options.Value.Registration, time.GetUtcNow());
        if (validated.Error is not null)
        {
            return (Invalid("The client ID metadata document is invalid: " + validated.Error.Description), FailureTtl);
        }

        var ttl = fetched.MaxAge is { } maxAge ? (maxAge > MaxTtl ? MaxTtl : maxAge) : DefaultTtl;
        return (validated, ttl);
    }

    /// <summary>The URL rules of the draft: https, a path, no fragment, no userinfo, no dot segments.</summary>
    public string? CheckUrl(string clientId)
    {
        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var uri) || clientId.Length > 2048)
        {
            return "client_id is not a valid URL.";
        }

        if (!fetcher.IsAllowed(uri, out var reason))
        {
            return "client_id URL is not allowed: " + reason;
        }

        if (uri.AbsolutePath is "/" or "" || clientId.Contains('#', StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "client_id URL must have a path and no fragment or user info.";
        }

        var path = clientId[(clientId.IndexOf("//", StringComparison.Ordinal) + 2)..];
        if (path.Split('/').Any(segment => segment is "." or ".."))
        {
            return "client_id URL must not contain dot segments.";
        }

        return null;
    }

    private static ClientValidationResult Invalid(string description) => new(null, OAuthError.InvalidClient(description));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Client ID metadata document at host {Host} could not be fetched: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string host, string reason);

    private sealed record CacheEntry(ClientValidationResult Result, DateTimeOffset ExpiresAt);
}
