using Mandate.Protocol.OAuth;

namespace Mandate.Core.Clients;

/// <summary>The registered client and its secret in clear text (shown once, never stored), or the error.</summary>
public sealed record ClientRegistration(OAuthClient? Client, string? Secret, OAuthError? Error);
