using System.Reflection;

namespace Mandate.Tests.Architecture;

/// <summary>
/// The layering of docs/architecture.md, checked on the compiled assemblies: Protocol knows nothing of Mandate,
/// Core knows nothing of HTTP or storage, Storage knows nothing of HTTP, and dependencies only point down. Client (the
/// agents' SDK, shipped as a package) stands beside the server and may use Protocol only.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Protocol = typeof(Protocol.Pkce.Pkce).Assembly;
    private static readonly Assembly Core = typeof(Core.Clients.OAuthClient).Assembly;
    private static readonly Assembly Storage = typeof(Storage.MandateDbContext).Assembly;
    private static readonly Assembly Server = typeof(Server.Hosting.MandateServer).Assembly;
    private static readonly Assembly Client = typeof(Client.Dpop.DpopKey).Assembly;

    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Mandate.Protocol", ["Mandate.Core", "Mandate.Storage", "Mandate.Server", "Mandate", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"] },
        { "Mandate.Core", ["Mandate.Storage", "Mandate.Server", "Mandate", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"] },
        { "Mandate.Storage", ["Mandate.Server", "Mandate", "Microsoft.AspNetCore"] },
        { "Mandate.Server", ["Mandate"] },
        { "Mandate.Client", ["Mandate.Core", "Mandate.Storage", "Mandate.Server", "Mandate", "Mandate.Demo", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Assembly_ReferencesNothingAboveIt(string assemblyName, string[] forbidden)
    {
        var assembly = new[] { Protocol, Core, Storage, Server, Client }.Single(a => a.GetName().Name == assemblyName);

        var offending = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(name => forbidden.Any(f => Matches(name, f)))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Core_DependsOnProtocol_AndServer_OnCoreAndStorage()
    {
        Assert.Contains(Core.GetReferencedAssemblies(), r => r.Name == "Mandate.Protocol");
        Assert.Contains(Storage.GetReferencedAssemblies(), r => r.Name == "Mandate.Core");
        Assert.Contains(Server.GetReferencedAssemblies(), r => r.Name == "Mandate.Core");
        Assert.Contains(Server.GetReferencedAssemblies(), r => r.Name == "Mandate.Storage");
    }

    [Fact]
    public void Client_DependsOnProtocol_AndOnNoOtherMandateAssembly()
    {
        var mandate = Client.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(name => name == "Mandate" || name.StartsWith("Mandate.", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["Mandate.Protocol"], mandate);
    }

    // Mandate assemblies are named exactly; framework families by prefix (Microsoft.AspNetCore.*).
    private static bool Matches(string referenced, string forbidden) =>
        referenced == forbidden || (forbidden.StartsWith("Microsoft.", StringComparison.Ordinal) && referenced.StartsWith(forbidden + ".", StringComparison.Ordinal));
}
