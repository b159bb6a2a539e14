namespace Mandate.Server.Tests.Support;

public sealed record ReceivedCallback(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
