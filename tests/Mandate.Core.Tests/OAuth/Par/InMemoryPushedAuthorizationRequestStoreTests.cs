using Mandate.Core.OAuth.Par;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.OAuth.Par;

public sealed class InMemoryPushedAuthorizationRequestStoreTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Consume_GivesTheRequestOnce()
    {
        var store = new InMemoryPushedAuthorizationRequestStore(time);
        var uri = await store.StoreAsync(Request(), CancellationToken.None);

        var found = await store.FindAsync(uri, CancellationToken.None);
        var first = await store.ConsumeAsync(uri, CancellationToken.None);
        var second = await store.ConsumeAsync(uri, CancellationToken.None);

        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", uri, StringComparison.Ordinal);
        Assert.Equal("c1", found!.ClientId);
        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(await store.FindAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task ExpiredRequests_AreNeitherFoundNorConsumed()
    {
        var store = new InMemoryPushedAuthorizationRequestStore(time);
        var uri = await store.StoreAsync(Request(), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await store.FindAsync(uri, CancellationToken.None));
        Assert.Null(await store.ConsumeAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentConsumers_OnlyOneWins()
    {
        var store = new InMemoryPushedAuthorizationRequestStore(time);
        var uri = await store.StoreAsync(Request(), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.ConsumeAsync(uri, CancellationToken.None))));

        Assert.Single(results, r => r is not null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://client.example/request")]
    [InlineData("urn:ietf:params:oauth:request_uri:unknown")]
    public async Task UnknownOrForeignUris_AreNotFound(string uri) =>
        Assert.Null(await new InMemoryPushedAuthorizationRequestStore(time).FindAsync(uri, CancellationToken.None));

    private PushedAuthorizationRequest Request() => new("c1", [new("client_id", "c1")], time.GetUtcNow().AddSeconds(60));
}
