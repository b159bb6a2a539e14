using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mandate.Interop.Tests.Support;

/// <summary>
/// A throwaway private PKI for https://127.0.0.1: a self-signed test CA and a leaf it signed (SAN IP:127.0.0.1,
/// serverAuth), written as PEM files to a temporary folder that is deleted on dispose. Mandate trusts the CA through
/// Security:ExtraTrustedCertificates; the Node peer serves the leaf.
/// </summary>
public sealed class LoopbackTlsFiles : IDisposable
{
    private LoopbackTlsFiles(string directory)
    {
        Directory = directory;
        CaCertificatePath = Path.Combine(directory, "ca.pem");
        CertificatePath = Path.Combine(directory, "leaf.pem");
        KeyPath = Path.Combine(directory, "leaf.key.pem");
    }

    public string Directory { get; }

    /// <summary>The CA certificate (the extra trusted root).</summary>
    public string CaCertificatePath { get; }

    /// <summary>The leaf certificate followed by the CA certificate (the chain a server sends).</summary>
    public string CertificatePath { get; }

    /// <summary>The leaf's PKCS#8 private key.</summary>
    public string KeyPath { get; }

    public static LoopbackTlsFiles Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mandate-tls-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var files = new LoopbackTlsFiles(directory);
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);
        var notAfter = notBefore.AddDays(2);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Mandate interop test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build(critical: false));
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var leaf = leafRequest.Create(ca, notBefore, notAfter, serial);

        File.WriteAllText(files.CaCertificatePath, ca.ExportCertificatePem());
        File.WriteAllText(files.CertificatePath, leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, leafKey.ExportPkcs8PrivateKeyPem());
        return files;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
