using System.Text.Json;
using Mandate.Core.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Upstreams;

/// <summary>
/// Lists an upstream's tools over MCP Streamable HTTP with plain HttpClient: initialize, notifications/initialized,
/// tools/list page by page, then DELETE the session. Sends the upstream's configured headers, never a caller's token.
/// Upstream URLs are set by operators, so this client is not behind the SSRF guard; it never follows redirects, reads
/// at most <see cref="UpstreamFetchOptions.MaxResponseBytes"/> per response and gives up after the timeout.
/// </summary>
public sealed partial class UpstreamToolFetcher(HttpClient http, IOptions<UpstreamFetchOptions> options, ILogger<UpstreamToolFetcher> logger) : IUpstreamToolSource
{
    public const string ProtocolVersion = "2025-11-25";
    public const string ClientName = "mandate-gateway";

    private static readonly string ClientVersion = typeof(UpstreamToolFetcher).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    public async Task<IReadOnlyList<JsonElement>> ListToolsAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var settings = options.Value;
        var session = new UpstreamSession(http, upstream, settings.MaxResponseBytes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var initialized = await session.RequestAsync("initialize", WriteInitialize, timeout.Token);
            session.ProtocolVersion = initialized.ValueKind == JsonValueKind.Object && initialized.TryGetProperty("protocolVersion", out var version) && version.ValueKind == JsonValueKind.String
                ? version.GetString()
                : ProtocolVersion;
            await session.NotifyAsync("notifications/initialized", timeout.Token);
            var (tools, pages) = await ListPagesAsync(session, upstream.Name, settings.MaxPages, timeout.Token);
            LogListed(logger, upstream.Name, tools.Count, pages);
            return tools;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream.Name}' did not list its tools within {settings.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream.Name}' could not be reached: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream.Name}' broke off its answer: {ex.Message}", ex);
        }
        finally
        {
            await EndQuietlyAsync(session, upstream.Name);
        }
    }

    private static async Task<(List<JsonElement> Tools, int Pages)> ListPagesAsync(UpstreamSession session, string upstream, int maxPages, CancellationToken cancellationToken)
    {
        var tools = new List<JsonElement>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 1; page <= maxPages; page++)
        {
            var current = cursor;
            var result = await session.RequestAsync("tools/list", current is null ? null : w => w.WriteString("cursor", current), cancellationToken);
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new UpstreamToolSourceException($"Upstream '{upstream}' answered tools/list without a tools array.");
            }

            tools.AddRange(list.EnumerateArray().Select(t => t.Clone()));
            cursor = result.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(cursor))
            {
                return (tools, page);
            }

            if (!cursors.Add(cursor))
            {
                throw new UpstreamToolSourceException($"Upstream '{upstream}' repeated a tools/list cursor; the listing would never end.");
            }
        }

        throw new UpstreamToolSourceException($"Upstream '{upstream}' listed its tools in more than {maxPages} pages.");
    }

    private static void WriteInitialize(Utf8JsonWriter writer)
    {
        writer.WriteString("protocolVersion", ProtocolVersion);
        writer.WriteStartObject("capabilities");
        writer.WriteEndObject();
        writer.WriteStartObject("clientInfo");
        writer.WriteString("name", ClientName);
        writer.WriteString("version", ClientVersion);
        writer.WriteEndObject();
    }

    // Its own short deadline: the listing's may be spent, and a server that keeps the session is no reason to fail.
    private async Task EndQuietlyAsync(UpstreamSession session, string upstream)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await session.EndAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            LogSessionNotEnded(logger, upstream);
        }
    }

    [LoggerMessage(EventId = 6551, Level = LogLevel.Debug, Message = "Listed {Count} tools of upstream {Upstream} in {Pages} page(s)")]
    private static partial void LogListed(ILogger logger, string upstream, int count, int pages);

    [LoggerMessage(EventId = 6552, Level = LogLevel.Debug, Message = "Could not end the session with upstream {Upstream}")]
    private static partial void LogSessionNotEnded(ILogger logger, string upstream);
}
