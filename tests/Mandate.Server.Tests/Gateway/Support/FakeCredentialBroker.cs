using System.Collections.Concurrent;
using Mandate.Core.Vault.Broker;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The vault's answers per (person, connector), set by tests; unknown pairs are "not connected".</summary>
public sealed class FakeCredentialBroker : ICredentialBroker
{
    public const string ConnectUrlBase = "https://mandate.example/connections?connector=";

    private readonly ConcurrentDictionary<(string, string), CredentialResult> results = new();

    public void Set(string userId, string connector, CredentialResult result) => results[(userId, connector)] = result;

    public void Connect(string userId, string connector, string value, string tokenType = "Bearer") =>
        Set(userId, connector, CredentialResult.Available(new BrokeredCredential(connector, Core.Vault.Connectors.ConnectorKind.OAuth, value, tokenType, null)));

    public Task<CredentialResult> GetAsync(string userId, string connector, CancellationToken cancellationToken) =>
        Task.FromResult(results.GetValueOrDefault((userId, connector)) ?? CredentialResult.NotConnected(ConnectUrlBase + connector));
}
