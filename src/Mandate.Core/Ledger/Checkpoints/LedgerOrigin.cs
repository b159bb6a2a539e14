using System.Globalization;
using Mandate.Core.Configuration;

namespace Mandate.Core.Ledger.Checkpoints;

/// <summary>
/// The log's origin: by C2SP tlog-tiles, the scheme-less URL prefix of the log, so for the issuer
/// <c>https://mandate.example.com</c> it is <c>mandate.example.com/ledger</c> (the port and path are kept when there
/// are any). <c>Ledger:Origin</c> overrides it.
/// </summary>
public static class LedgerOrigin
{
    public static string Resolve(MandateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Ledger.Origin ?? FromIssuer(options.Issuer);
    }

    public static string FromIssuer(string issuer)
    {
        var uri = new Uri(issuer, UriKind.Absolute);
        var host = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return host + uri.AbsolutePath.TrimEnd('/') + "/ledger";
    }
}
