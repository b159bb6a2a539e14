using Mandate.Core.Configuration;

namespace Mandate.Core.Tests.Configuration;

public sealed class MandateOptionsValidatorTests
{
    private readonly MandateOptionsValidator validator = new();

    [Theory]
    [InlineData("https://auth.example.com")]
    [InlineData("https://auth.example.com/tenant")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Validate_GoodIssuer_Succeeds(string issuer)
    {
        var result = validator.Validate(null, new MandateOptions { Issuer = issuer });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(validator.Validate(null, new MandateOptions()).Succeeded);
    }

    [Theory]
    [InlineData("http://auth.example.com", "plain HTTP")]
    [InlineData("http://192.168.1.10:5080", "plain HTTP")]
    [InlineData("https://auth.example.com/", "must not end with '/'")]
    [InlineData("https://auth.example.com?tenant=a", "query or fragment")]
    [InlineData("https://auth.example.com#frag", "query or fragment")]
    [InlineData("auth.example.com", "absolute http(s) URL")]
    [InlineData("ftp://auth.example.com", "absolute http(s) URL")]
    public void Validate_BadIssuer_Fails(string issuer, string expected)
    {
        var result = validator.Validate(null, new MandateOptions { Issuer = issuer });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("es256")]
    public void Validate_UnsupportedAlgorithm_Fails(string algorithm)
    {
        var options = new MandateOptions();
        options.Tokens.SigningAlgorithm = algorithm;

        var result = validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Tokens:SigningAlgorithm", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS256")]
    [InlineData("EdDSA")]
    public void Validate_SupportedAlgorithm_Succeeds(string algorithm)
    {
        var options = new MandateOptions();
        options.Tokens.SigningAlgorithm = algorithm;

        Assert.True(validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = new MandateOptions { Issuer = "http://auth.example.com/" };
        options.Tokens.SigningAlgorithm = "HS256";
        options.Tokens.AccessTokenLifetime = TimeSpan.Zero;
        options.Tokens.AuthorizationCodeLifetime = TimeSpan.FromMinutes(11);
        options.Tokens.RefreshReuseGrace = TimeSpan.FromMinutes(6);
        options.Tokens.KeyRotationInterval = TimeSpan.FromMinutes(59);

        var failures = validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.Contains("end with '/'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("plain HTTP", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Tokens:AccessTokenLifetime", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Tokens:AuthorizationCodeLifetime", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Tokens:RefreshReuseGrace", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Tokens:KeyRotationInterval", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.5.5.5", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("10.0.0.1", false)]
    public void IsLoopbackHost_Classifies(string host, bool expected)
    {
        Assert.Equal(expected, MandateOptionsValidator.IsLoopbackHost(host));
    }
}
