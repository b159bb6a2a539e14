using System.Net;

namespace Mandate.LoadHarness.Load;

/// <summary>Token modes: any 200 is a success (the probe already checked that it carries an access token).</summary>
internal sealed class StatusOkCheck : IResponseCheck
{
    public static StatusOkCheck Instance { get; } = new();

    public async Task<string?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.OK
            ? null
            : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
}
