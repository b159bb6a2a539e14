using System.Globalization;
using Mandate.Core.Vault.Connect;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Server.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// The person's connections to third-party services: connect (OAuth code flow with PKCE, or paste an API key),
/// see the state of each (reconnect needed, when it expires) and disconnect. Never shows a credential.
/// </summary>
[Authorize]
public sealed class ConnectionsModel(IConnectorStore connectors, IConnectionStore connections, ConnectFlow flow, ConnectionService service) : PageModel
{
    public string Username => User.Identity?.Name ?? string.Empty;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The connector the page was opened for (?connector=NAME, the link in a "reconnect needed" error).</summary>
    [BindProperty(SupportsGet = true, Name = "connector")]
    public string? Focus { get; set; }

    public async Task OnGetAsync(string? connected)
    {
        if (connected is not null)
        {
            Message = $"Connected {connected}.";
        }

        await LoadAsync();
    }

    public async Task<IActionResult> OnPostConnectAsync(string? connector)
    {
        var (userId, binding) = Session();
        var start = await flow.StartAsync(userId, binding, connector ?? "", HttpContext.RequestAborted);
        if (start.AuthorizationUrl is not null)
        {
            return Redirect(start.AuthorizationUrl);
        }

        Message = start.Error;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostApiKeyAsync(string? connector, string? apiKey)
    {
        var (userId, _) = Session();
        var error = await service.SaveApiKeyAsync(userId, connector ?? "", apiKey, HttpContext.RequestAborted);
        Message = error ?? $"Saved your key for {connector}.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisconnectAsync(string? connector)
    {
        var (userId, _) = Session();
        var removed = !string.IsNullOrEmpty(connector) && await service.DisconnectAsync(userId, connector, HttpContext.RequestAborted);
        Message = removed ? $"Disconnected {connector}." : "That service was not connected.";
        await LoadAsync();
        return Page();
    }

    /// <summary>The person and their session (sign-in time): a connect flow must come back to the same session.</summary>
    internal static (string UserId, string Binding) SessionOf(System.Security.Claims.ClaimsPrincipal user)
    {
        var (userId, authTime) = SignedInUser.Read(user);
        return (userId!, authTime?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "");
    }

    private (string UserId, string Binding) Session() => SessionOf(User);

    private async Task LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (userId, _) = Session();
        var mine = (await connections.ListForUserAsync(userId, HttpContext.RequestAborted)).ToDictionary(c => c.Connector, StringComparer.Ordinal);
        Rows = (await connectors.ListAsync(HttpContext.RequestAborted))
            .Select(c => new Row(c, mine.GetValueOrDefault(c.Name)))
            .ToList();
    }

    public sealed record Row(Connector Connector, Connection? Connection)
    {
        public bool IsApiKey => Connector.Kind == ConnectorKind.ApiKey;

        public string State => Connection switch
        {
            null => "Not connected",
            { Status: ConnectionStatus.ReconnectNeeded } => "Reconnect needed",
            _ => "Connected",
        };
    }
}
