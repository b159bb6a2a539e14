using System.Net;
using System.Text;

namespace Mandate.Client.Tests.Support;

/// <summary>
/// The network, scripted: records each request as sent (the body read the way a socket reads it, without buffering, so
/// a body that cannot be sent twice fails the second time) and answers with the next scripted response (<see cref="Otherwise"/> when the script has run out).
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> script = new();

    public List<SentRequest> Requests { get; } = [];

    /// <summary>The answer once the script has run out.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Otherwise { get; set; } = _ => Response(HttpStatusCode.OK);

    public ScriptedHandler Then(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        script.Enqueue(respond);
        return this;
    }

    public ScriptedHandler Then(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers) =>
        Then(_ => Response(status, json, headers));

    public static HttpResponseMessage Response(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json ?? "{}", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is { } content)
        {
            using var stream = new MemoryStream();
            await content.CopyToAsync(stream, cancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        Requests.Add(new SentRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("DPoP", out var proofs) ? [.. proofs] : [],
            body));
        var respond = script.Count > 0 ? script.Dequeue() : Otherwise;
        var response = respond(request);
        response.RequestMessage = request;
        return response;
    }
}
