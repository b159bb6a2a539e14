namespace Mandate.Server.Tests.Support;

/// <summary>A server that takes authorization requests only through PAR, whose request_uris live 2 seconds.</summary>
public sealed class StrictParServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Security:RequirePushedAuthorizationRequests"] = "true",
        ["Tokens:PushedRequestLifetime"] = "00:00:02",
    };
}
