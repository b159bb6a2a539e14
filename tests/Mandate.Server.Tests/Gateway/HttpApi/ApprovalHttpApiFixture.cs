namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>The HTTP API fixture with Gateway:RequireApprovalForDestructive on.</summary>
public sealed class ApprovalHttpApiFixture : HttpApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Gateway:RequireApprovalForDestructive"] = "true",
    };
}
