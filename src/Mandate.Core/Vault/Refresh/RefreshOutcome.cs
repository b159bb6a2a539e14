namespace Mandate.Core.Vault.Refresh;

public enum RefreshOutcome
{
    Refreshed,

    /// <summary>Another instance (or call) holds the lease and is refreshing it now.</summary>
    Busy,

    /// <summary>The provider refused for good, or there is nothing to refresh with: marked "reconnect needed".</summary>
    ReconnectNeeded,

    /// <summary>The provider could not be reached or failed; tried again later.</summary>
    Failed,

    /// <summary>No such connection, or not an OAuth one.</summary>
    NotRefreshable,
}
