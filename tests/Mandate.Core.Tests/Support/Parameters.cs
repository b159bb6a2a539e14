using Mandate.Core.OAuth;

namespace Mandate.Core.Tests.Support;

/// <summary>Request parameters as name/value pairs, edited fluently and turned into <see cref="OAuthParameters"/>.</summary>
public static class Parameters
{
    public static OAuthParameters Of(params (string Name, string Value)[] pairs) => OAuthParameters.From(pairs);

    /// <summary>Removes every pair with this name, then adds one pair per value (two values make a repeated parameter).</summary>
    public static (string Name, string Value)[] Set(this (string Name, string Value)[] pairs, string name, params string[] values) =>
        [.. pairs.Where(p => p.Name != name), .. values.Select(v => (name, v))];

    public static (string Name, string Value)[] Remove(this (string Name, string Value)[] pairs, string name) =>
        [.. pairs.Where(p => p.Name != name)];
}
