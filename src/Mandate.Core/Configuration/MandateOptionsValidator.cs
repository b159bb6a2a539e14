using System.Net;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Configuration;

/// <summary>Collects every configuration error at start-up instead of failing on the first.</summary>
public sealed class MandateOptionsValidator : IValidateOptions<MandateOptions>
{
    private static readonly string[] Algorithms = ["ES256", "EdDSA", "PS256"];

    public ValidateOptionsResult Validate(string? name, MandateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateIssuer(options.Issuer, errors);
        if (!Algorithms.Contains(options.Tokens.SigningAlgorithm, StringComparer.Ordinal))
        {
            errors.Add($"Tokens:SigningAlgorithm must be one of {string.Join(", ", Algorithms)}.");
        }

        if (options.Tokens.AccessTokenLifetime <= TimeSpan.Zero || options.Tokens.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("Tokens:AccessTokenLifetime must be between 1 second and 1 day.");
        }

        if (options.Tokens.MaxDelegationDepth is < 1 or > 10)
        {
            errors.Add("Tokens:MaxDelegationDepth must be between 1 and 10.");
        }

        if (options.Tokens.AuthorizationCodeLifetime <= TimeSpan.Zero || options.Tokens.AuthorizationCodeLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add("Tokens:AuthorizationCodeLifetime must be between 1 second and 10 minutes.");
        }

        if (options.Tokens.PushedRequestLifetime < TimeSpan.FromSeconds(1) || options.Tokens.PushedRequestLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add("Tokens:PushedRequestLifetime must be between 1 second and 10 minutes.");
        }

        if (options.Tokens.RefreshReuseGrace < TimeSpan.Zero || options.Tokens.RefreshReuseGrace > TimeSpan.FromMinutes(5))
        {
            errors.Add("Tokens:RefreshReuseGrace must be between 0 and 5 minutes.");
        }

        if (options.Tokens.KeyRotationInterval < TimeSpan.FromHours(1))
        {
            errors.Add("Tokens:KeyRotationInterval must be at least 1 hour.");
        }

        foreach (var proxy in options.Proxy.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            errors.Add($"Proxy:KnownProxies entry '{proxy}' is not an IP address.");
        }

        foreach (var network in options.Proxy.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            errors.Add($"Proxy:KnownNetworks entry '{network}' is not a CIDR network.");
        }

        if (options.Mandates.MaxLifetime < TimeSpan.FromMinutes(1) || options.Mandates.MaxLifetime > TimeSpan.FromDays(365))
        {
            errors.Add("Mandates:MaxLifetime must be between 1 minute and 365 days.");
        }

        ApprovalsOptionsValidation.Validate(options.Ciba, options.Approvals, errors);

        GatewayOptionsValidation.Validate(options.Gateway, errors);
        DpopOptionsValidation.Validate(options.Dpop, errors);
        VaultOptionsValidation.Validate(options.Vault, errors);
        if (options.Ledger.CheckpointInterval < TimeSpan.FromMilliseconds(100) || options.Ledger.CheckpointInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Ledger:CheckpointInterval must be between 100 milliseconds and 1 hour.");
        }

        if (options.Ledger.Origin is { } origin && !Protocol.Transparency.Notes.NoteKeys.IsValidKeyName(origin))
        {
            errors.Add($"Ledger:Origin '{origin}' must be non-empty, without spaces or '+' (it is the ledger key's name).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The issuer must be an absolute URL without query or fragment, and HTTPS unless it is loopback.</summary>
    public static void ValidateIssuer(string issuer, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Issuer '{issuer}' must be an absolute http(s) URL.");
            return;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || issuer.Contains('#', StringComparison.Ordinal) || issuer.Contains('?', StringComparison.Ordinal))
        {
            errors.Add($"Issuer '{issuer}' must not have a query or fragment (RFC 8414 section 2).");
        }

        if (issuer.EndsWith('/'))
        {
            errors.Add($"Issuer '{issuer}' must not end with '/': clients compare it byte for byte.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopbackHost(uri.Host))
        {
            errors.Add($"Issuer '{issuer}' uses plain HTTP on a host that is not loopback. Use https:// (put Mandate behind a TLS terminator and set --issuer to the public https URL).");
        }
    }

    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
