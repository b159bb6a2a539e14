namespace Mandate.Server.Tests.Support;

/// <summary>A server where dynamically registered redirect URIs must be on app.example.com (or loopback).</summary>
public sealed class RestrictedRedirectHostsFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Registration:AllowedRedirectHosts:0"] = "app.example.com" };
}
