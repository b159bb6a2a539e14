namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>What the upstream received: method, raw request target (path and query as sent) and headers.</summary>
public sealed record SeenRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
