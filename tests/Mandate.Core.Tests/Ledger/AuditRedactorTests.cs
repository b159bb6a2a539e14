using Mandate.Core.Audit;
using Mandate.Core.Ledger.Redaction;

namespace Mandate.Core.Tests.Ledger;

/// <summary>Realistic credential samples (made up, of the real shapes) never reach the ledger; ordinary text does.</summary>
public sealed class AuditRedactorTests
{
    private const string Jwt = "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6IjIwMjYxMTI4LW8wTk9MUERiIn0.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjUwODAiLCJzdWIiOiJ1c3JfMSJ9.MEUCIQDx3Q9u6w0RkR9gK1G3zA7cWq0KfH2a2uF0y2x8sX9h0QIgY7m0bW3q";

    [Theory]
    [InlineData("sk-proj-4fG7hJ2kL9mN3pQ5rS8tU1vW6xY0zA2bC4dE6fG8hJ0kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fT3BlbkFJ", "openai-key")]
    [InlineData("sk-3Fq9ZkLmN2pQ4rS6tU8vW0xY2zA4bC6dT3BlbkFJ", "openai-key")]
    [InlineData("sk-ant-api03-Xy9ZkLmN2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hJ2kL4mN6pQ8rS0tU2vW4xY6zA8bC0dE2fG4hJ6kL8mN0pQ2rS4tU6vW8xY0zA2bC-4dE6fAA", "anthropic-key")]
    [InlineData("ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R", "github-token")]
    [InlineData("gho_16C7e42F292c6912E7710c838347Ae178B4a", "github-token")]
    [InlineData("ghs_9zY8xW7vU6tS5rQ4pO3nM2lK1jI0hG9fE8dC", "github-token")]
    [InlineData("github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "github-token")]
    [InlineData("xoxb-2048123456-4096123456789-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8", "slack-token")]
    [InlineData("xoxp-1234567890-1234567890-1234567890-0123456789abcdef0123456789abcdef", "slack-token")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "aws-access-key")]
    [InlineData("sk_live_51H8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "stripe-key")]
    [InlineData("AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "google-api-key")]
    [InlineData(Jwt, "jwt")]
    public void ProviderKeysAndJwts_AreReplaced_WithTheirKind(string secret, string kind)
    {
        var redacted = AuditRedactor.Redact($"upstream failed: key {secret} was refused");

        Assert.Equal($"upstream failed: key [REDACTED:{kind}] was refused", redacted);
    }

    [Fact]
    public void PemPrivateKeys_AreReplaced_WholeOrCutShort()
    {
        const string Pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oY4Zs5AzpLqAoAoGCCqGSM49\nAwEHoUQDQgAE\n-----END EC PRIVATE KEY-----";

        Assert.Equal("key: [REDACTED:private-key] (end)", AuditRedactor.Redact($"key: {Pem} (end)"));
        Assert.Equal("cut: [REDACTED:private-key]", AuditRedactor.Redact("cut: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
    }

    [Theory]
    [InlineData("Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543", "Authorization: [REDACTED]")]
    [InlineData("sent Bearer 8f14e45fceea167a5a36dedd4bea2543 upstream", "sent Bearer [REDACTED] upstream")]
    [InlineData("header DPoP Kz~8qAn0f9-_ZJ1.x", "header DPoP [REDACTED]")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Basic [REDACTED]")]
    [InlineData("proxy-authorization=Basic YWxhZGRpbjpvcGVuc2VzYW1l; next", "proxy-authorization=[REDACTED]; next")]
    [InlineData("{\"password\": \"hunter2\"}", "{\"password\": [REDACTED]}")]
    [InlineData("x-api-key: 0123456789abcdef", "x-api-key: [REDACTED]")]
    [InlineData("client_secret=s3cr3t-value&grant_type=client_credentials", "client_secret=[REDACTED]&grant_type=client_credentials")]
    public void AuthorizationLikeValues_AreReplaced_TheirLabelKept(string text, string expected)
    {
        Assert.Equal(expected, AuditRedactor.Redact(text));
    }

    [Theory]
    [InlineData("postgres://mandate:Pa55w0rd!@db.internal:5432/mandate", "postgres://mandate:[REDACTED]@db.internal:5432/mandate")]
    [InlineData("fetch https://user:tok3n@example.com/mcp failed", "fetch https://user:[REDACTED]@example.com/mcp failed")]
    public void UrlPasswords_AreReplaced_TheUserAndHostKept(string text, string expected)
    {
        Assert.Equal(expected, AuditRedactor.Redact(text));
    }

    [Theory]
    [InlineData("insufficient_scope: needs mcp:read mcp:write")]
    [InlineData("invalid_client: Basic authentication failed")]
    [InlineData("client_secret_basic is not allowed")]
    [InlineData("https://client.example.com:8443/metadata.json")]
    [InlineData("read (annotations: readOnlyHint)")]
    [InlineData("risk-assessment-framework-document-tool")]
    [InlineData("usr_Kq8n3V0aBcDe")]
    [InlineData("2001:db8::1")]
    [InlineData("3xW9qT0k_aZL8cN2vR5yH1mJ4pF6sD7gB0eU3iO9lKc")]
    public void OrdinaryText_IsLeftAlone(string text)
    {
        Assert.Equal(text, AuditRedactor.Redact(text));
    }

    [Fact]
    public void EveryStringField_IsFiltered()
    {
        var redacted = AuditRedactor.Redact(new AuditEvent
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Kind = "k",
            Decision = "deny",
            Reason = "Bearer " + Jwt,
            Subject = Jwt,
            ClientId = "https://a:b1234567@c.example",
            TokenId = Jwt,
            Upstream = "AKIAIOSFODNN7EXAMPLE",
            Resource = Jwt,
            Method = Jwt,
            Tool = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
            ArgumentsDigest = Jwt,
            ActorChain = "{\"sub\":\"" + Jwt + "\",\"client_id\":\"c\"}",
            SourceAddress = Jwt,
            CorrelationId = Jwt,
        });

        Assert.DoesNotContain("eyJ", redacted.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA", redacted.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", redacted.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("b1234567", redacted.ToString(), StringComparison.Ordinal);
        Assert.Equal("{\"sub\":\"[REDACTED:jwt]\",\"client_id\":\"c\"}", redacted.ActorChain);
    }

    [Fact]
    public void RepeatedValues_AreFilteredEveryTime_CleanOnesRememberedAndCredentialsNever()
    {
        var clean = "alice-agent-" + Guid.NewGuid().ToString("N");
        var secret = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";
        for (var i = 0; i < 3; i++)
        {
            var redacted = AuditRedactor.Redact(new AuditEvent { Timestamp = DateTimeOffset.UnixEpoch, Kind = "k", Decision = "allow", ClientId = clean, Tool = secret, Subject = "Bearer " + Jwt });

            Assert.Equal(clean, redacted.ClientId);
            Assert.Equal("[REDACTED:github-token]", redacted.Tool);
            Assert.Equal("Bearer [REDACTED]", redacted.Subject);
        }
    }
}
