using System.Net.Http.Headers;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>Records "METHOD path status" of every request an SDK makes, and the gateway's Bearer challenges.</summary>
public sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<string> flow = [];
    private readonly List<AuthenticationHeaderValue> challenges = [];

    public IReadOnlyList<string> Flow
    {
        get
        {
            lock (flow)
            {
                return [.. flow];
            }
        }
    }

    public IReadOnlyList<AuthenticationHeaderValue> Challenges
    {
        get
        {
            lock (flow)
            {
                return [.. challenges];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        lock (flow)
        {
            flow.Add($"{request.Method} {request.RequestUri!.AbsolutePath} {(int)response.StatusCode}");
            challenges.AddRange(response.Headers.WwwAuthenticate);
        }

        return response;
    }
}
