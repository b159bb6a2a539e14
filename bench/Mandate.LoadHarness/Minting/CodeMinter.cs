using System.Diagnostics;
using System.Net;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Minting;

/// <summary>
/// Mints authorization codes before any timed phase: one interactive pass (login + consent), then
/// plain authorization requests on that session, each of which must redirect straight back with a code.
/// </summary>
internal sealed class CodeMinter(TargetDescription target, LoginCredentials credentials, int parallelism)
{
    public async Task<CodeVerifierPair[]> MintAsync(int count, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            MaxConnectionsPerServer = parallelism,
            UseProxy = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var codes = new CodeVerifierPair[count];
        codes[0] = await new InteractiveAuthorization(client, target, credentials).ObtainCodeAsync(cancellationToken);

        var started = Stopwatch.GetTimestamp();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForAsync(1, count, options, async (index, token) =>
            codes[index] = await MintWithSessionAsync(client, token));

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine($"[{target.Name}] minted {count:N0} codes in {seconds:0.0} s ({(count - 1) / seconds:N0}/s)");
        return codes;
    }

    private async Task<CodeVerifierPair> MintWithSessionAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var authorization = AuthorizationRequest.Create(target);
        using var response = await client.GetAsync(authorization.Uri, cancellationToken);
        var location = AuthorizationRedirect.Target(response, authorization.Uri);
        if (location is null || !AuthorizationRedirect.IsToRedirectUri(location, target.RedirectUri))
        {
            throw new InvalidOperationException(
                $"expected an immediate redirect to {target.RedirectUri} with a code (remembered consent); " +
                $"got HTTP {(int)response.StatusCode} to {location?.ToString() ?? "nowhere"}");
        }

        return new CodeVerifierPair(AuthorizationRedirect.ReadCode(location, authorization), authorization.Pkce.Verifier);
    }
}
