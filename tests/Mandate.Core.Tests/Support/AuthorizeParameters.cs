using Mandate.Core.OAuth.Authorize;

namespace Mandate.Core.Tests.Support;

/// <summary>A valid /authorize request for <see cref="TestClients.Public"/> at the harness resource, and checks on its errors.</summary>
public static class AuthorizeParameters
{
    public static readonly string Challenge = PkcePair.Create().Challenge;

    public static (string Name, string Value)[] Valid =>
    [
        ("client_id", "public-app"), ("redirect_uri", TestClients.Redirect), ("response_type", "code"), ("state", "xyz"),
        ("code_challenge", Challenge), ("code_challenge_method", "S256"), ("resource", CoreHarness.ResourceUri), ("scope", "tools.read"),
    ];

    /// <summary>The error goes back to the client's redirect URI, with the request's state.</summary>
    public static void AssertRedirected(AuthorizeValidationResult result, string error)
    {
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error!.Error);
        Assert.Equal(TestClients.Redirect, result.RedirectUri);
        Assert.Equal("xyz", result.State);
    }
}
