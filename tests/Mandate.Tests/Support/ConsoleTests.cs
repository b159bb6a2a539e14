namespace Mandate.Tests.Support;

/// <summary>The CLI writes to the process-wide Console, so tests that capture it run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleTests
{
    public const string Name = "Console";
}
