using System.Security.Cryptography;
using Mandate.Core.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Mandate.Server.Security;

/// <summary>
/// Secrets at rest through ASP.NET Core data protection, with keys in {data-dir}/data-protection shared by the server
/// and the CLI (same directory, same application name), so either can read what the other wrote.
/// </summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "Mandate.Secrets.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string? Unprotect(string protectedValue)
    {
        try
        {
            return protector.Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            // Wrong or missing keys, or a tampered value: the caller says which secret could not be read.
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
