namespace Mandate.Server.Gateway.HttpApi;

/// <summary>The HTTP gateway's outbound handler step that makes request bodies flush per write (<see cref="FlushingRequestContent"/>).</summary>
internal sealed class FlushingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } body and not FlushingRequestContent)
        {
            request.Content = new FlushingRequestContent(body);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
