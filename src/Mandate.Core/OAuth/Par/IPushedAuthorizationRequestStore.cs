namespace Mandate.Core.OAuth.Par;

/// <summary>
/// Short-lived pushed authorization requests, keyed by their request_uri. The default keeps them in process memory;
/// several instances need a shared implementation, like the authorization code store.
/// </summary>
public interface IPushedAuthorizationRequestStore
{
    /// <summary>Stores the request and returns its request_uri (urn:ietf:params:oauth:request_uri:&lt;random&gt;).</summary>
    Task<string> StoreAsync(PushedAuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>The request, without using it up; null when unknown, used or expired.</summary>
    Task<PushedAuthorizationRequest?> FindAsync(string requestUri, CancellationToken cancellationToken);

    /// <summary>Uses the request up; exactly one concurrent caller gets it, and only before it expires.</summary>
    Task<PushedAuthorizationRequest?> ConsumeAsync(string requestUri, CancellationToken cancellationToken);
}
