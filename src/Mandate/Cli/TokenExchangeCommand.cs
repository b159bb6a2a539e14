using System.CommandLine;
using Mandate.Client.Dpop;
using Mandate.Client.OAuth;

namespace Mandate.Cli;

/// <summary>
/// mandate token exchange: RFC 8693 from the command line, as an agent would do it with Mandate.Client, for operators
/// checking a delegation rule. Talks to a running server over HTTP; never reads the data directory.
/// </summary>
public static class TokenExchangeCommand
{
    private static readonly Option<FileInfo> SubjectTokenFile = new("--subject-token-file") { Description = "A file holding the access token to narrow ('-' reads standard input).", Required = true };
    private static readonly Option<string[]> Scopes = new("--scope") { Description = "A scope the new token should carry (a subset of the subject token's); repeat for more. Default: the same scopes.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> Resource = new("--resource") { Description = "The resource (the subject token's own audience)." };
    private static readonly Option<FileInfo?> ActorKey = new("--actor-key") { Description = "The sub-agent's DPoP key (JWK or PEM; created with mode 0600 if missing): the new token is bound to it." };
    private static readonly Option<string> Issuer = new("--issuer") { Description = "The Mandate to ask (its issuer URL).", Required = true };
    private static readonly Option<string> ClientId = new("--client-id") { Description = "The sub-agent's client_id.", Required = true };
    private static readonly Option<bool> SecretStdin = new("--client-secret-stdin") { Description = "Read the client secret from standard input (client_secret_basic)." };
    private static readonly Option<FileInfo?> ClientKey = new("--client-key") { Description = "The client's private key (JWK or PEM) for private_key_jwt." };

    public static Command Create()
    {
        var exchange = new Command("exchange", "Exchange a token for a narrower one held by another client (RFC 8693), and show the chain.")
        {
            SubjectTokenFile, Scopes, Resource, ActorKey, Issuer, ClientId, SecretStdin, ClientKey,
        };
        exchange.SetAction(ExchangeAsync);
        return exchange;
    }

    private static async Task<int> ExchangeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(SecretStdin) == (parse.GetValue(ClientKey) is not null))
        {
            return Output.Fail("Authenticate the client with exactly one of --client-secret-stdin and --client-key.");
        }

        var subjectFile = parse.GetValue(SubjectTokenFile)!;
        string subject;
        string? secret = null;
        try
        {
            if (subjectFile.Name == "-" && parse.GetValue(SecretStdin))
            {
                return Output.Fail("Standard input can carry the subject token or the client secret, not both.");
            }

            subject = (subjectFile.Name == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(subjectFile.FullName, cancellationToken)).Trim();
            if (parse.GetValue(SecretStdin))
            {
                secret = (await Console.In.ReadLineAsync(cancellationToken))?.Trim();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Output.Fail($"Cannot read {subjectFile.FullName}: {ex.Message}");
        }

        using var clientKey = parse.GetValue(ClientKey) is { } keyFile ? DpopKey.Load(keyFile.FullName) : null;
        using var actorKey = parse.GetValue(ActorKey) is { } actorFile ? DpopKey.LoadOrCreate(actorFile.FullName) : null;
        var issuer = parse.GetValue(Issuer)!;
        ClientAuthentication authentication = clientKey is not null
            ? new PrivateKeyJwt(parse.GetValue(ClientId)!, clientKey.Key)
            : new ClientSecretBasic(parse.GetValue(ClientId)!, secret ?? string.Empty);
        using var client = new TokenExchangeClient(new TokenClientOptions
        {
            Issuer = issuer,
            ClientAuthentication = authentication,
            DpopKey = actorKey,
            AllowHttp = Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.IsLoopback,
        });
        try
        {
            var scopes = parse.GetValue(Scopes) is { Length: > 0 } s ? s : null;
            var token = await client.ExchangeAsync(subject, scopes, parse.GetValue(Resource), cancellationToken: cancellationToken);
            Print(parse, token);
            return 0;
        }
        catch (OAuthException ex)
        {
            return Output.Fail($"Refused: {ex.Error}{(ex.ErrorDescription is null ? string.Empty : ": " + ex.ErrorDescription)}");
        }
        catch (HttpRequestException ex)
        {
            return Output.Fail($"Cannot reach {issuer}: {ex.Message}");
        }
    }

    private static void Print(ParseResult parse, TokenResponse token)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.JsonObject(w =>
            {
                w.WriteString("access_token", token.AccessToken);
                w.WriteString("token_type", token.TokenType);
                w.WriteString("issued_token_type", token.IssuedTokenType);
                w.WriteString("scope", token.Scope);
                if (token.ExpiresIn is { } expiresIn)
                {
                    w.WriteNumber("expires_in", expiresIn);
                }
            });
            return;
        }

        // The token itself on standard output, so it can be piped; what it says on standard error.
        Console.Out.WriteLine(token.AccessToken);
        Console.Error.WriteLine($"token_type {token.TokenType}, scope \"{token.Scope}\", expires in {token.ExpiresIn} s");
        if (Protocol.Jose.CompactJws.TryParse(token.AccessToken) is { } parts && parts.Payload.TryGetProperty("act", out var act) && Core.Tokens.Actor.Read(act) is { } chain)
        {
            Console.Error.WriteLine($"chain: {string.Join(" <- ", chain.Chain().Select(a => a.ClientId))}, for {parts.GetClaim("sub")}");
        }
    }
}
