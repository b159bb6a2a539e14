using System.CommandLine;

namespace Mandate.Cli;

public static class MandateCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Mandate: identity, delegation and audit for AI agents.")
        {
            ServeCommand.Create(),
            UsersCommand.Create(),
            ClientsCommand.Create(),
            ResourcesCommand.Create(),
            ConsentsCommand.Create(),
            ApprovalsCommand.Create(),
            UpstreamsCommand.Create(),
            PolicyCommand.Create(),
            AuditCommand.Create(),
            LedgerCommand.Create(),
            TokenCommand.Create(),
            ConnectorsCommand.Create(),
            ConnectionsCommand.Create(),
            VaultCommand.Create(),
        };
        root.Options.Add(CommonOptions.DataDir);
        root.Options.Add(CommonOptions.Json);
        return root;
    }
}
