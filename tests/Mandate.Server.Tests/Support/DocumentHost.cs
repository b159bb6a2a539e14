using System.Collections.Concurrent;
using Mandate.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Support;

/// <summary>A tiny Kestrel site on loopback that serves client ID metadata documents (JSON) by path.</summary>
public sealed class DocumentHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> documents;

    private DocumentHost(WebApplication app, ConcurrentDictionary<string, string> documents, string baseUrl)
    {
        this.app = app;
        this.documents = documents;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<DocumentHost> StartAsync()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var documents = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        app.Run(async context =>
        {
            if (!documents.TryGetValue(context.Request.Path.Value ?? string.Empty, out var json))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });
        await app.StartAsync();
        return new DocumentHost(app, documents, baseUrl);
    }

    /// <summary>Serves a document at the path; returns its URL.</summary>
    public string Serve(string path, string json)
    {
        documents[path] = json;
        return BaseUrl + path;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
