using Mandate.Protocol.Dpop;

namespace Mandate.Core.Configuration;

/// <summary>The Dpop section's checks, run by <see cref="MandateOptionsValidator"/> with every other one.</summary>
public static class DpopOptionsValidation
{
    public static void Validate(DpopOptions dpop, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(dpop);
        ArgumentNullException.ThrowIfNull(errors);
        if (dpop.ProofMaxAge < TimeSpan.FromSeconds(1) || dpop.ProofMaxAge > TimeSpan.FromHours(1))
        {
            errors.Add("Dpop:ProofMaxAge must be between 1 second and 1 hour.");
        }

        if (dpop.ClockSkew < TimeSpan.Zero || dpop.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add("Dpop:ClockSkew must be between 0 and 5 minutes.");
        }

        if (dpop.NonceLifetime < TimeSpan.FromSeconds(10) || dpop.NonceLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("Dpop:NonceLifetime must be between 10 seconds and 1 hour.");
        }

        var supported = DpopProofValidationOptions.DefaultAlgorithms;
        foreach (var alg in dpop.AllowedAlgorithms.Where(a => !supported.Contains(a, StringComparer.Ordinal)))
        {
            errors.Add($"Dpop:AllowedAlgorithms entry '{alg}' is not supported; use {string.Join(", ", supported)} (never none or an HMAC algorithm).");
        }
    }

    /// <summary>The algorithms in force: the configured ones, or every supported one when none are configured.</summary>
    public static IReadOnlyList<string> EffectiveAlgorithms(DpopOptions dpop)
    {
        ArgumentNullException.ThrowIfNull(dpop);
        return dpop.AllowedAlgorithms.Count == 0
            ? DpopProofValidationOptions.DefaultAlgorithms
            : DpopProofValidationOptions.DefaultAlgorithms.Where(a => dpop.AllowedAlgorithms.Contains(a, StringComparer.Ordinal)).ToList();
    }
}
