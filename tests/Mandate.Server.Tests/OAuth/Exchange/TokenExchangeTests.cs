using System.Net;
using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Exchange;

/// <summary>RFC 8693 at /token: each hop narrower, every actor named, anything wider refused.</summary>
public sealed class TokenExchangeTests(DelegationFixture fixture) : IClassFixture<DelegationFixture>
{
    [Fact]
    public async Task SubAgent_GetsNarrowerToken_ForTheSamePerson_NamingBothActors()
    {
        var subject = await fixture.OrchestratorTokenAsync();

        var body = await fixture.ExchangeOkAsync(fixture.SubAgent, subject, ("scope", "tools.read"));

        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", body.GetProperty("issued_token_type").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("tools.read", body.GetProperty("scope").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var parent = CompactJws.TryParse(subject)!;
        var token = CompactJws.TryParse(body.GetProperty("access_token").GetString())!;
        Assert.Equal(fixture.UserId, token.GetClaim("sub"));
        Assert.Equal("sub-agent", token.GetClaim("client_id"));
        Assert.Equal(TestFlow.Resource, token.GetClaim("aud"));
        Assert.True(token.GetNumericClaim("exp") <= parent.GetNumericClaim("exp"));
        var act = token.Payload.GetProperty("act");
        Assert.Equal("sub-agent", act.GetProperty("sub").GetString());
        Assert.Equal("sub-agent", act.GetProperty("client_id").GetString());
        Assert.Equal("orchestrator", act.GetProperty("act").GetProperty("client_id").GetString());
        Assert.False(act.GetProperty("act").TryGetProperty("act", out _));
        Assert.Equal("sub-sub-agent", token.Payload.GetProperty("may_act").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task TokensOfAClientWithOneDelegate_CarryMayAct()
    {
        var subject = CompactJws.TryParse(await fixture.OrchestratorTokenAsync())!;

        Assert.Equal("sub-agent", subject.Payload.GetProperty("may_act").GetProperty("client_id").GetString());
        Assert.False(subject.Payload.TryGetProperty("act", out _));
    }

    [Fact]
    public async Task ThreeHopChain_NamesEveryActorInOrder_AndIntrospectionShowsIt()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var second = (await fixture.ExchangeOkAsync(fixture.SubAgent, first, ("scope", "tools.read tools.call"))).GetProperty("access_token").GetString()!;
        var third = (await fixture.ExchangeOkAsync(fixture.SubSubAgent, second, ("scope", "tools.read"))).GetProperty("access_token").GetString()!;

        var introspection = await OAuthHttp.IntrospectAsync(fixture.Issuer, third, fixture.Confidential.ClientId, fixture.ConfidentialSecret);

        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("sub-sub-agent", introspection.GetProperty("client_id").GetString());
        Assert.Equal(fixture.UserId, introspection.GetProperty("sub").GetString());
        Assert.Equal(["sub-sub-agent", "sub-agent", "orchestrator"], ChainOf(introspection.GetProperty("act")));
    }

    [Fact]
    public async Task WideningScope_IsRefused_AtEveryHop()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var narrowed = (await fixture.ExchangeOkAsync(fixture.SubAgent, first, ("scope", "tools.read"))).GetProperty("access_token").GetString()!;

        var beyondPerson = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, first, ("scope", "tools.read files.read"));
        var beyondParent = await DelegationFixture.ExchangeAsync(fixture.SubSubAgent, fixture.Issuer, narrowed, ("scope", "tools.call"));
        var sameAsParent = await DelegationFixture.ExchangeAsync(fixture.SubSubAgent, fixture.Issuer, narrowed);

        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(beyondPerson));
        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(beyondParent));
        Assert.Equal(HttpStatusCode.OK, sameAsParent.StatusCode);
        Assert.Equal("tools.read", (await OAuthHttp.JsonAsync(sameAsParent)).GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("resource", ServerFixture.OtherResource)]
    [InlineData("audience", ServerFixture.OtherResource)]
    public async Task AnotherResource_IsInvalidTarget(string parameter, string value)
    {
        var first = await fixture.OrchestratorTokenAsync();

        var response = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, first, (parameter, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_target", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task TheSameResource_ByResourceOrAudience_IsAccepted()
    {
        var first = await fixture.OrchestratorTokenAsync();

        var byResource = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, first, ("resource", TestFlow.Resource));
        var byAudience = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, first, ("audience", TestFlow.Resource));

        Assert.Equal(HttpStatusCode.OK, byResource.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAudience.StatusCode);
    }

    [Fact]
    public async Task AClientNobodyAllowed_IsRefused_WithAReasonThatLeaksNoTokenContents()
    {
        var first = await fixture.OrchestratorTokenAsync();

        var intruder = await DelegationFixture.ExchangeAsync(fixture.Intruder, fixture.Issuer, first);
        var skipAHop = await DelegationFixture.ExchangeAsync(fixture.SubSubAgent, fixture.Issuer, first);

        var body = await OAuthHttp.JsonAsync(intruder);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains("may_act", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.UserId, body.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(skipAHop));
    }

    [Fact]
    public async Task DelegationDepth_IsLimitedToFiveActors()
    {
        var token = await fixture.OrchestratorTokenAsync();
        token = (await fixture.ExchangeOkAsync(fixture.SubAgent, token)).GetProperty("access_token").GetString()!;
        for (var depth = 3; depth <= 5; depth++)
        {
            token = (await fixture.ExchangeOkAsync(fixture.SubAgent, token)).GetProperty("access_token").GetString()!;
        }

        var sixth = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, token);

        Assert.Equal(5, ChainOf(CompactJws.TryParse(token)!.Payload.GetProperty("act")).Count);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(sixth));
    }

    [Fact]
    public async Task RevokingATokenRevokesTheWholeDelegationSubtree()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var second = (await fixture.ExchangeOkAsync(fixture.SubAgent, first)).GetProperty("access_token").GetString()!;
        var third = (await fixture.ExchangeOkAsync(fixture.SubSubAgent, second, ("scope", "tools.read"))).GetProperty("access_token").GetString()!;
        var sibling = (await fixture.ExchangeOkAsync(fixture.SubAgent, first, ("scope", "tools.read"))).GetProperty("access_token").GetString()!;

        var revoke = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", first)], OAuthHttp.Basic(fixture.Orchestrator.Client.ClientId, fixture.Orchestrator.Secret));
        revoke.EnsureSuccessStatusCode();

        foreach (var token in new[] { first, second, third, sibling })
        {
            Assert.False(await OAuthHttp.IsActiveAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
        }

        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(await DelegationFixture.ExchangeAsync(fixture.SubSubAgent, fixture.Issuer, second)));
    }

    [Fact]
    public async Task RevokingAMiddleToken_LeavesItsParentActive()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var second = (await fixture.ExchangeOkAsync(fixture.SubAgent, first)).GetProperty("access_token").GetString()!;
        var third = (await fixture.ExchangeOkAsync(fixture.SubSubAgent, second)).GetProperty("access_token").GetString()!;

        var revoke = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", second)], OAuthHttp.Basic(fixture.SubAgent.Client.ClientId, fixture.SubAgent.Secret));
        revoke.EnsureSuccessStatusCode();

        Assert.True(await OAuthHttp.IsActiveAsync(fixture.Issuer, first, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
        Assert.False(await OAuthHttp.IsActiveAsync(fixture.Issuer, third, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
    }

    [Fact]
    public async Task ActorToken_OfTheSameClient_NamesItsSubject_AndOneOfAnotherClientIsRefused()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var actorToken = (await fixture.ExchangeOkAsync(fixture.SubAgent, first)).GetProperty("access_token").GetString()!;
        const string type = "urn:ietf:params:oauth:token-type:access_token";

        var own = await fixture.ExchangeOkAsync(fixture.SubAgent, first, ("actor_token", actorToken), ("actor_token_type", type));
        var borrowed = await DelegationFixture.ExchangeAsync(fixture.SubSubAgent, fixture.Issuer, actorToken, ("actor_token", actorToken), ("actor_token_type", type));
        var untyped = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, first, ("actor_token", actorToken));

        var act = CompactJws.TryParse(own.GetProperty("access_token").GetString())!.Payload.GetProperty("act");
        Assert.Equal(fixture.UserId, act.GetProperty("sub").GetString());
        Assert.Equal("sub-agent", act.GetProperty("client_id").GetString());
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(borrowed));
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(untyped));
    }

    [Theory]
    [InlineData("subject_token_type", "urn:ietf:params:oauth:token-type:refresh_token", "invalid_request")]
    [InlineData("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token", "invalid_request")]
    [InlineData("authorization_details", "[]", "invalid_authorization_details")]
    [InlineData("authorization_details", "[{\"type\":\"mandate\",\"locations\":[\"https://mcp.example.com/mcp\"],\"tools\":[{\"name\":\"a\"}],\"expires_at\":4102444800}]", "invalid_authorization_details")]
    public async Task UnsupportedParameters_GetTheProtocolsError(string name, string value, string error)
    {
        var first = await fixture.OrchestratorTokenAsync();
        var fields = new List<(string, string)>
        {
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("subject_token", first),
            (name, value),
        };
        if (name != "subject_token_type")
        {
            fields.Add(("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        }

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.SubAgent.Client.ClientId, fixture.SubAgent.Secret), [.. fields]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task AForgedOrGarbageSubjectToken_IsInvalidRequest()
    {
        var first = await fixture.OrchestratorTokenAsync();
        // One character in the middle of the signature: still well-formed base64url, so only the signature check can refuse it.
        var middle = first.LastIndexOf('.') + 20;
        var tampered = first[..middle] + (first[middle] == 'A' ? 'B' : 'A') + first[(middle + 1)..];

        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, tampered)));
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, "not-a-token")));
    }

    [Fact]
    public async Task EveryExchange_GrantedOrRefused_IsAudited_WithTheChain()
    {
        var first = await fixture.OrchestratorTokenAsync();
        var granted = (await fixture.ExchangeOkAsync(fixture.SubAgent, first, ("scope", "tools.read"))).GetProperty("access_token").GetString()!;
        await DelegationFixture.ExchangeAsync(fixture.Intruder, fixture.Issuer, first);

        var events = await fixture.Server.Services.GetRequiredService<IAuditReader>().ListRecentAsync(50, CancellationToken.None);
        var jti = CompactJws.TryParse(granted)!.GetClaim("jti");
        var allowed = Assert.Single(events, e => e.Kind == "token.exchange" && e.TokenId == jti);
        var denied = events.First(e => e.Kind == "token.exchange" && e.Decision == "deny" && e.ClientId == "intruder");

        Assert.Equal("allow", allowed.Decision);
        Assert.Equal(fixture.UserId, allowed.Subject);
        Assert.Equal(TestFlow.Resource, allowed.Resource);
        using var chain = JsonDocument.Parse(allowed.ActorChain!);
        Assert.Equal(["sub-agent", "orchestrator"], ChainOf(chain.RootElement));
        Assert.Contains("intruder", denied.ActorChain, StringComparison.Ordinal);
        Assert.StartsWith("invalid_request", denied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicClients_CannotExchange()
    {
        var client = await fixture.Server.AddPublicClientAsync(TestFlow.Redirect, Core.Clients.GrantTypes.AuthorizationCode, Core.Clients.GrantTypes.TokenExchange);
        var first = await fixture.OrchestratorTokenAsync();

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null,
            ("grant_type", Core.Clients.GrantTypes.TokenExchange), ("client_id", client.Client.ClientId),
            ("subject_token", first), ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));

        Assert.Equal("unauthorized_client", await OAuthHttp.ErrorAsync(response));
    }

    private static List<string> ChainOf(JsonElement act)
    {
        var ids = new List<string>();
        for (var current = act; current.ValueKind == JsonValueKind.Object; current = current.TryGetProperty("act", out var next) ? next : default)
        {
            ids.Add(current.GetProperty("client_id").GetString()!);
        }

        return ids;
    }
}
