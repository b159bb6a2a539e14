namespace Mandate.Core.Gateway.Http;

/// <summary>
/// An operator's rule for an HTTP upstream: requests with this method (or any, "*") whose path matches the pattern
/// need this level (or are refused, Deny). `mandate policy rule add NAME --method GET --path '/repos/**' --level read`.
/// </summary>
/// <param name="Id">Assigned by the store; what `policy rule remove` takes.</param>
/// <param name="Method">An upper-case method name, or "*" for every method.</param>
/// <param name="Path">The pattern in canonical form (<see cref="PathPattern"/>).</param>
public sealed record HttpRule(long Id, string Upstream, string Method, string Path, PermissionLevel Level, DateTimeOffset CreatedAt)
{
    public const string AnyMethod = "*";
}
