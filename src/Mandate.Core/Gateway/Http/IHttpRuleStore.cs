namespace Mandate.Core.Gateway.Http;

/// <summary>The method+path rules of HTTP upstreams.</summary>
public interface IHttpRuleStore
{
    Task<IReadOnlyList<HttpRule>> ListAsync(string upstream, CancellationToken cancellationToken);

    /// <summary>Stores the rule (its Id is ignored) and returns it with the id it was given.</summary>
    Task<HttpRule> AddAsync(HttpRule rule, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string upstream, long id, CancellationToken cancellationToken);

    /// <summary>Forgets every rule of an upstream (when it is removed); returns how many there were.</summary>
    Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken);
}
