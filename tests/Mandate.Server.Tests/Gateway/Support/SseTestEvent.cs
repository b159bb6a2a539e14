namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>An event as the test client saw it, with how long after the request it arrived.</summary>
public sealed record SseTestEvent(string? Id, string? Type, string? Data, TimeSpan ArrivedAfter);
