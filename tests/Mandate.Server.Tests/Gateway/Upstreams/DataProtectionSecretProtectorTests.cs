using Mandate.Core.Security;
using Mandate.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Upstreams;

public sealed class DataProtectionSecretProtectorTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "mandate-dp-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SameDataDirectory_TwoProcesses_ReadEachOthersValues()
    {
        var server = Protector(dataDir);
        var cli = Protector(dataDir);

        var protectedValue = server.Protect("sk-secret");

        Assert.DoesNotContain("sk-secret", protectedValue, StringComparison.Ordinal);
        Assert.Equal("sk-secret", cli.Unprotect(protectedValue));
        Assert.True(Directory.EnumerateFiles(Path.Combine(dataDir, "data-protection")).Any());
    }

    [Fact]
    public void OtherKeys_OrTamperedValue_Null()
    {
        var protectedValue = Protector(dataDir).Protect("sk-secret");
        var other = Protector(dataDir + "-other");

        Assert.Null(other.Unprotect(protectedValue));
        Assert.Null(Protector(dataDir).Unprotect(protectedValue[..^4] + "AAAA"));
        Assert.Null(Protector(dataDir).Unprotect("not base64 !"));
    }

    public void Dispose()
    {
        foreach (var dir in new[] { dataDir, dataDir + "-other" })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static ISecretProtector Protector(string dir) =>
        new ServiceCollection().AddMandateSecretProtection(dir).BuildServiceProvider().GetRequiredService<ISecretProtector>();
}
