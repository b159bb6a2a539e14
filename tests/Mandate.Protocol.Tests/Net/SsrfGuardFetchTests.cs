using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mandate.Protocol.Net;
using Mandate.Protocol.Tests.Support;

namespace Mandate.Protocol.Tests.Net;

public class SsrfGuardFetchTests
{
    private const string Json = "{\"client_id\":\"https://app.example.com/client.json\"}";

    private static readonly SsrfPolicy LocalDev = new()
    {
        AllowLoopback = true,
        RequireHttps = false,
        Timeout = TimeSpan.FromSeconds(3),
    };

    private static string OkHead(string body, string extraHeaders = "") =>
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
        + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n";

    [Fact]
    public async Task FetchAsync_LoopbackAllowed_ReturnsBodyAndHeaders()
    {
        await using var server = TinyHttpServer.Raw(
            OkHead(Json, "Cache-Control: public, max-age=300\r\nETag: \"v1\"\r\n"),
            Encoding.UTF8.GetBytes(Json));
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), LocalDev, "application/json", CancellationToken.None);

        Assert.True(result.Success, result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Json, Encoding.UTF8.GetString(result.Body!));
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(300), result.MaxAge);
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Null(result.Error);
        Assert.Contains("Accept: application/json\r\n", server.LastRequestHead, StringComparison.Ordinal);
        Assert.StartsWith("GET /doc HTTP/1.1", server.LastRequestHead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_LocalhostName_ResolvesAndConnectsToCheckedLoopbackAddress()
    {
        await using var server = TinyHttpServer.Raw(OkHead(Json), Encoding.UTF8.GetBytes(Json));
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(client, server.Url("localhost"), LocalDev, "application/json", CancellationToken.None);

        Assert.True(result.Success, result.Error);
        Assert.Equal(Json, Encoding.UTF8.GetString(result.Body!));
    }

    [Fact]
    public async Task FetchAsync_LoopbackLiteralNotAllowed_BlockedWithoutConnecting()
    {
        await using var server = TinyHttpServer.Raw(OkHead(Json), Encoding.UTF8.GetBytes(Json));
        var policy = new SsrfPolicy { Timeout = TimeSpan.FromSeconds(3) };
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(
            client, new Uri($"https://127.0.0.1:{server.Port}/doc"), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("blocked: loopback address", result.Error);
        Assert.Null(result.Body);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToLoopbackNotAllowed_BlockedAtConnect()
    {
        await using var server = TinyHttpServer.Raw(OkHead(Json), Encoding.UTF8.GetBytes(Json));
        var policy = new SsrfPolicy { Timeout = TimeSpan.FromSeconds(3) };
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));
        var url = new Uri($"https://localhost:{server.Port}/doc");
        Assert.True(SsrfGuard.IsUrlAllowed(url, policy, out _)); // the pre-flight cannot know; the connect callback must.

        var result = await SsrfGuard.FetchAsync(client, url, policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("blocked: loopback address", result.Error);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task FetchAsync_PlainHttpUnderDefaultPolicy_Blocked()
    {
        await using var server = TinyHttpServer.Raw(OkHead(Json), Encoding.UTF8.GetBytes(Json));
        var policy = new SsrfPolicy { AllowLoopback = true };
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("blocked: https required", result.Error);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task CreateHandler_BlockedLiteralHost_ThrowsSsrfBlockedExceptionNamingHost()
    {
        await using var server = TinyHttpServer.Raw(OkHead(Json), Encoding.UTF8.GetBytes(Json));
        var policy = new SsrfPolicy { RequireHttps = false };
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri($"https://127.0.0.1:{server.Port}/doc")));

        var blocked = Assert.IsType<SsrfBlockedException>(ex.InnerException);
        Assert.Equal("127.0.0.1", blocked.Host);
        Assert.Equal("loopback address", blocked.Reason);
        Assert.Contains("127.0.0.1", blocked.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task CreateHandler_PlainHttpToPrivateAddress_BlockedEvenWhenPrivateAllowed()
    {
        var policy = LocalDev with { AllowPrivateNetworks = true };
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://10.255.255.1/doc")));

        var blocked = Assert.IsType<SsrfBlockedException>(ex.InnerException);
        Assert.Equal("http only allowed to loopback", blocked.Reason);
    }

    [Fact]
    public void CreateHandler_AnyPolicy_DisablesRedirectsProxyAndCookies()
    {
        var policy = new SsrfPolicy { Timeout = TimeSpan.FromSeconds(2) };
        using var handler = SsrfGuard.CreateHandler(policy);

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.False(handler.UseCookies);
        Assert.Equal(TimeSpan.FromSeconds(2), handler.ConnectTimeout);
        Assert.NotNull(handler.ConnectCallback);
    }

    [Fact]
    public async Task FetchAsync_Redirect_RefusedAndNotFollowed()
    {
        await using var server = TinyHttpServer.Raw(
            "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), LocalDev, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal("redirect refused", result.Error);
        Assert.Null(result.Body);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task FetchAsync_NotFound_FailsWithStatus()
    {
        await using var server = TinyHttpServer.Raw("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), LocalDev, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("http 404", result.Error);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthOverLimit_FailsEarly()
    {
        var policy = LocalDev with { MaxResponseBytes = 100 };
        await using var server = TinyHttpServer.Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n",
            new byte[10]);
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("too large", result.Error);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task FetchAsync_UndeclaredBodyOverLimit_StopsReadingAndFails()
    {
        var policy = LocalDev with { MaxResponseBytes = 1000 };
        await using var server = TinyHttpServer.Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            new byte[5000]);
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("too large", result.Error);
    }

    [Fact]
    public async Task FetchAsync_BodyExactlyAtLimit_Succeeds()
    {
        var policy = LocalDev with { MaxResponseBytes = 1000 };
        await using var server = TinyHttpServer.Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            new byte[1000]);
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.True(result.Success, result.Error);
        Assert.Equal(1000, result.Body!.Length);
    }

    [Fact]
    public async Task FetchAsync_ServerNeverResponds_TimesOut()
    {
        var policy = LocalDev with { Timeout = TimeSpan.FromMilliseconds(300) };
        await using var server = new TinyHttpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));
        var stopwatch = Stopwatch.StartNew();

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("timeout", result.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task FetchAsync_BodyTrickles_TimesOutOverall()
    {
        var policy = LocalDev with { Timeout = TimeSpan.FromMilliseconds(500) };
        await using var server = new TinyHttpServer(async (stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(new byte[1], ct);
                await stream.FlushAsync(ct);
                await Task.Delay(100, ct);
            }
        });
        using var client = new HttpClient(SsrfGuard.CreateHandler(policy));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), policy, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("timeout", result.Error);
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = new TinyHttpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SsrfGuard.FetchAsync(client, server.Url(), LocalDev, "application/json", cts.Token));
    }

    [Fact]
    public async Task FetchAsync_NoStore_MaxAgeIsNull()
    {
        await using var server = TinyHttpServer.Raw(
            OkHead(Json, "Cache-Control: no-store, max-age=300\r\n"), Encoding.UTF8.GetBytes(Json));
        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(client, server.Url(), LocalDev, "application/json", CancellationToken.None);

        Assert.True(result.Success, result.Error);
        Assert.Null(result.MaxAge);
        Assert.Null(result.ETag);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_FailsWithoutThrowing()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        using var client = new HttpClient(SsrfGuard.CreateHandler(LocalDev));

        var result = await SsrfGuard.FetchAsync(
            client, new Uri($"http://127.0.0.1:{port}/doc"), LocalDev, "application/json", CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(0, result.StatusCode);
        Assert.Equal("connection failed", result.Error);
    }
}
