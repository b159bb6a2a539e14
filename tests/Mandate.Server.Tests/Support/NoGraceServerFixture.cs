namespace Mandate.Server.Tests.Support;

/// <summary>A server where a used refresh token may never be presented again (Tokens:RefreshReuseGrace = 0).</summary>
public sealed class NoGraceServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Tokens:RefreshReuseGrace"] = "00:00:00" };
}
