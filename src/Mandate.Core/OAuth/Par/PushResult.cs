using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Par;

/// <summary>The answer to POST /par: a request_uri and its lifetime in seconds (RFC 9126 §2.2), or the error (§2.3).</summary>
public sealed record PushResult(string? RequestUri, int ExpiresIn, OAuthError? Error);
