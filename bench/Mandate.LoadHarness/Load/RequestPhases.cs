using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

/// <summary>Request sources for the probe, the warm-up and the measured phase of one target.</summary>
internal sealed record RequestPhases(IRequestSource Probe, IRequestSource Warmup, IRequestSource Measured)
{
    /// <summary>In auth-code mode the warm-up may use at most this share of the codes.</summary>
    private const int WarmupShareOfCodesPercent = 20;

    public static RequestPhases For(TargetDescription target, LoadMode mode, IReadOnlyList<CodeVerifierPair>? codes)
    {
        if (mode == LoadMode.ClientCredentials)
        {
            var requests = new ClientCredentialsRequests(target);
            return new RequestPhases(requests, requests, requests);
        }

        if (codes is null || codes.Count < 2)
        {
            throw new InvalidOperationException($"{target.Name}: auth-code mode needs pre-minted codes (--codes or codes_file)");
        }

        var all = codes.ToArray();
        var warmupCount = all.Length * WarmupShareOfCodesPercent / 100;
        return new RequestPhases(
            new AuthorizationCodeRequests(target, new ArraySegment<CodeVerifierPair>(all, 0, 1)),
            new AuthorizationCodeRequests(target, new ArraySegment<CodeVerifierPair>(all, 1, warmupCount)),
            new AuthorizationCodeRequests(target, new ArraySegment<CodeVerifierPair>(all, 1 + warmupCount, all.Length - 1 - warmupCount)));
    }
}
