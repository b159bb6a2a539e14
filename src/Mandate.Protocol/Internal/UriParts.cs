namespace Mandate.Protocol.Internal;

/// <summary>Raw, un-normalised components of a URI string.</summary>
/// <param name="Scheme">Scheme exactly as written (without the colon).</param>
/// <param name="Authority">Authority exactly as written, or null when there is no "//".</param>
/// <param name="UserInfo">User information before '@', or null when absent.</param>
/// <param name="Host">Host as written (IPv6 literals keep their brackets); empty when absent.</param>
/// <param name="Port">Port text after ':' (possibly empty), or null when absent.</param>
/// <param name="Path">Path as written (possibly empty).</param>
/// <param name="Query">Query including the leading '?', or null when absent.</param>
/// <param name="HasFragment">True when a '#' is present.</param>
internal readonly record struct UriParts(
    string Scheme,
    string? Authority,
    string? UserInfo,
    string Host,
    string? Port,
    string Path,
    string? Query,
    bool HasFragment);
