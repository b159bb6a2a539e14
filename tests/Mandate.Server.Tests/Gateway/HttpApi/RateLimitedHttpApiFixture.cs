namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>The HTTP API fixture with a budget of two requests per minute per client.</summary>
public sealed class RateLimitedHttpApiFixture : HttpApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Gateway:ClientRequestsPerMinute"] = "2",
    };
}
