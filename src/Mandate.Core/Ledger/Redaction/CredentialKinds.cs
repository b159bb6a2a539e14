namespace Mandate.Core.Ledger.Redaction;

/// <summary>
/// The credential patterns <see cref="AuditRedactor"/> looks for, as one regular expression with a named group per
/// kind. Earlier alternatives win where two could match at the same place (an Anthropic key before OpenAI's
/// <c>sk-</c>, a whole <c>Authorization: Bearer ...</c> before a bare scheme).
/// </summary>
internal static class CredentialKinds
{
    /// <summary>Groups whose whole match is replaced, with the word that replaces it.</summary>
    public static readonly (string Group, string Kind)[] Whole =
    [
        ("pem", "private-key"), ("jwt", "jwt"), ("anthropic", "anthropic-key"), ("openai", "openai-key"), ("github", "github-token"),
        ("slack", "slack-token"), ("aws", "aws-access-key"), ("stripe", "stripe-key"), ("google", "google-api-key"),
    ];

    public const string Pattern =
        @"(?<pem>-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY-----|[\s\S]*))"
        + @"|(?<jwt>\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*)"
        + @"|(?<anthropic>\bsk-ant-[A-Za-z0-9_-]{16,})"
        + @"|(?<openai>\bsk-[A-Za-z0-9_-]{20,})"
        + @"|(?<github>\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,})"
        + @"|(?<slack>\bxox[abprs]-[A-Za-z0-9-]{10,})"
        + @"|(?<aws>\b(?:AKIA|ASIA)[A-Z0-9]{16}\b)"
        + @"|(?<stripe>\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,})"
        + @"|(?<google>\bAIza[A-Za-z0-9_-]{35})"
        + @"|(?<label>(?i:\b(?:proxy-)?authorization|\bx-api-key|\bapi[_-]?key|\bclient[_-]secret|\bpassw(?:or)?d|\bsecret)\b[""']?\s*[:=]\s*)"
        + @"(?:(?i:bearer|basic|dpop|digest|negotiate|token)\s+)?(?:""[^""]*""|'[^']*'|[^\s,;&""']+)"
        + @"|(?<scheme>(?i:\b(?:bearer|basic|dpop|digest|negotiate|token))\s+)(?=[A-Za-z]*[0-9+/=_~-])[A-Za-z0-9._~+/-]{8,}=*"
        + @"|(?<userinfo>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:""']+:)[^\s/?#@""']+@";
}
