namespace Mandate.Client.Tests.Support;

/// <summary>The delegation server where a held call nobody decides expires after two seconds.</summary>
public sealed class ExpiringApprovalServer : DelegationServer
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Gateway:ApprovalTimeout"] = "00:00:02",
    };
}
