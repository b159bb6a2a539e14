namespace Mandate.Server.Gateway.Mcp;

/// <summary>An upstream's response (headers read, body not yet), or why there is none.</summary>
public sealed record UpstreamExchange(HttpResponseMessage? Response, UpstreamFailure Failure) : IDisposable
{
    public int? Status => Response is null ? null : (int)Response.StatusCode;

    public void Dispose()
    {
        Response?.RequestMessage?.Dispose();
        Response?.Dispose();
    }
}
