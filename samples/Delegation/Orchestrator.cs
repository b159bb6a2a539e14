using Mandate.Client.OAuth;
using Mandate.Client.Tokens;

namespace Mandate.Samples.Delegation;

/// <summary>
/// The orchestrator: gets its own token for the demo upstream (client credentials, for simplicity; a real one would
/// hold a person's token from the authorization code flow) and hands it to the sub-agent.
/// </summary>
internal sealed class Orchestrator : IDisposable
{
    private readonly ClientCredentialsClient client;

    public Orchestrator(SampleSettings settings)
    {
        client = new ClientCredentialsClient(new TokenClientOptions
        {
            Issuer = settings.Issuer,
            ClientAuthentication = new ClientSecretBasic(settings.OrchestratorId, settings.OrchestratorSecret),
        });
        Tokens = client.CreateTokenProvider(["mcp:read", "mcp:write"], settings.Resource);
    }

    /// <summary>The orchestrator's token, renewed before it expires.</summary>
    public CachingTokenProvider Tokens { get; }

    public void Dispose()
    {
        Tokens.Dispose();
        client.Dispose();
    }
}
