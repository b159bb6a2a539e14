namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>The HTTP API gateway tests share one server and upstream, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HttpApiTests : ICollectionFixture<HttpApiFixture>
{
    public const string Name = "HTTP API gateway";
}
