using Mandate.Core.OAuth.Introspection;
using Mandate.Protocol.OAuth;
using Mandate.Server.Http;
using Mandate.Server.OAuth.ClientAuthentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Introspection;

/// <summary>POST /introspect (RFC 7662): confidential clients only (resource servers); public clients are refused.</summary>
public static class IntrospectionEndpoint
{
    public const string Path = "/introspect";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task HandleAsync(HttpContext context)
    {
        var (form, auth) = await EndpointClientAuthentication.ReadAndAuthenticateAsync(context, Path);
        if (form is null || auth?.Client is not { } client)
        {
            return;
        }

        if (client.IsPublic)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidClient("Public clients cannot introspect tokens."), auth.UsedBasic);
            return;
        }

        var token = form["token"];
        if (token is null || form.IsRepeated("token"))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidRequest("token is required."));
            return;
        }

        var result = await context.RequestServices.GetRequiredService<IntrospectionService>()
            .IntrospectAsync(client, token, form["token_type_hint"], context.RequestAborted);
        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteBoolean("active", result.Active);
            if (!result.Active)
            {
                return;
            }

            WriteIfSet(w, "scope", result.Scope);
            WriteIfSet(w, "client_id", result.ClientId);
            WriteIfSet(w, "sub", result.Subject);
            WriteIfSet(w, "aud", result.Audience);
            WriteIfSet(w, "iss", result.Issuer);
            WriteIfSet(w, "jti", result.TokenId);
            WriteIfSet(w, "token_type", result.TokenType);
            if (result.IssuedAt is { } iat)
            {
                w.WriteNumber("iat", iat.ToUnixTimeSeconds());
            }

            if (result.ExpiresAt is { } exp)
            {
                w.WriteNumber("exp", exp.ToUnixTimeSeconds());
            }

            if (result.Mandate is { } mandate)
            {
                Core.Mandates.MandateJson.WriteProperty(w, mandate);
            }

            result.Actor?.WriteTo(w);
            result.MayAct?.WriteTo(w);

            if (result.DpopJkt is { } jkt)
            {
                w.WriteStartObject("cnf");
                w.WriteString("jkt", jkt);
                w.WriteEndObject();
            }
        });
    }

    private static void WriteIfSet(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
