using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault;

/// <summary>The console URLs of the vault: the Connections page (where a person connects) and the provider callback.</summary>
public sealed class ConnectionsUrl(IOptions<MandateOptions> options)
{
    public const string PagePath = "/connections";
    public const string CallbackPath = "/connections/callback";

    /// <summary>The page, opened at one connector.</summary>
    public string For(string connector) => options.Value.Issuer.TrimEnd('/') + PagePath + "?connector=" + Uri.EscapeDataString(connector);

    /// <summary>The redirect URI every provider gets (admins register it at the provider).</summary>
    public string Callback => options.Value.Issuer.TrimEnd('/') + CallbackPath;
}
