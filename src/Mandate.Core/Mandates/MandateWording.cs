using System.Globalization;

namespace Mandate.Core.Mandates;

/// <summary>A mandate in plain words: what a person reads before clicking Allow.</summary>
public static class MandateWording
{
    public static IReadOnlyList<MandateToolWording> Describe(TaskMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        return mandate.Tools.Select(tool => new MandateToolWording(
            tool.Name,
            tool.MaxCalls switch
            {
                null => "any number of times until the mandate expires",
                1 => "at most once",
                { } n => string.Create(CultureInfo.InvariantCulture, $"at most {n} times"),
            },
            tool.Arguments is { } schema ? SchemaWording.Describe(schema) : ["any arguments"])).ToList();
    }

    /// <summary>"until 2026-11-28 15:00 UTC (in 3 hours)".</summary>
    public static string Expiry(TaskMandate mandate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        var at = mandate.ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var left = mandate.ExpiresAt - now;
        var relative = left.TotalHours >= 48 ? $"{(int)left.TotalDays} days"
            : left.TotalMinutes >= 120 ? $"{(int)left.TotalHours} hours"
            : $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} minutes";
        return $"until {at} (in {relative})";
    }
}
