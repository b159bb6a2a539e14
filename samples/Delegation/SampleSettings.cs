namespace Mandate.Samples.Delegation;

/// <summary>Where Mandate is and who the two agents are, from environment variables (see README.md).</summary>
internal sealed record SampleSettings(
    string Issuer,
    string OrchestratorId,
    string OrchestratorSecret,
    string SubAgentId,
    string SubAgentSecret,
    string KeyFile)
{
    /// <summary>The demo upstream behind the gateway: the MCP endpoint and the tokens' audience.</summary>
    public string Resource => Issuer + "/mcp/demo";

    /// <summary>Reads the settings; null (after saying what is missing) when a variable is not set.</summary>
    public static SampleSettings? FromEnvironment(TextWriter errors)
    {
        var missing = new List<string>();
        string Required(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                missing.Add(name);
            }

            return value ?? string.Empty;
        }

        var settings = new SampleSettings(
            (Environment.GetEnvironmentVariable("MANDATE_ISSUER") ?? "http://127.0.0.1:5080").TrimEnd('/'),
            Required("ORCHESTRATOR_CLIENT_ID"),
            Required("ORCHESTRATOR_CLIENT_SECRET"),
            Required("SUBAGENT_CLIENT_ID"),
            Required("SUBAGENT_CLIENT_SECRET"),
            Environment.GetEnvironmentVariable("SUBAGENT_KEY_FILE") ?? Path.Combine(".", "subagent-dpop.jwk"));
        if (missing.Count == 0)
        {
            return settings;
        }

        errors.WriteLine("Set " + string.Join(", ", missing) + " (see samples/Delegation/README.md).");
        return null;
    }
}
