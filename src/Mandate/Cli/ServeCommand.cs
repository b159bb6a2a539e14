using System.CommandLine;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Core.Users;
using Mandate.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mandate.Cli;

/// <summary>mandate serve: run the server. On first start with no users it creates "admin" with a one-time password.</summary>
public static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where to listen (default http://127.0.0.1:5080)." };
    private static readonly Option<string?> Issuer = new("--issuer") { Description = "The public issuer URL (default: the listening URL). Must be https unless loopback." };
    private static readonly Option<bool> Demo = new("--demo") { Description = "Also run a demo notes MCP server behind the gateway at {issuer}/mcp/demo." };

    public static Command Create()
    {
        var serve = new Command("serve", "Run the Mandate server.") { Urls, Issuer, Demo };
        serve.SetAction(RunAsync);
        return serve;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = MandateServer.Build(new ServerSettings
            {
                Urls = parse.GetValue(Urls),
                Issuer = parse.GetValue(Issuer),
                DataDir = parse.GetValue(CommonOptions.DataDir),
            });
            await app.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine("error: " + failure);
            }

            return 2;
        }
        catch (IOException ex)
        {
            return Output.Fail("Cannot start: " + ex.Message);
        }
        catch (Core.Ledger.LedgerIntegrityException ex)
        {
            return Output.Fail("Cannot start: " + ex.Message);
        }

        await using (app)
        {
            var options = app.Services.GetRequiredService<IOptions<MandateOptions>>().Value;
            await CreateFirstAdminAsync(app.Services, cancellationToken);
            Console.Out.WriteLine($"Mandate is running. Issuer: {options.Issuer}  (data: {Path.GetFullPath(options.DataDir)})");
            Console.Out.WriteLine($"Discovery: {options.Issuer}/.well-known/oauth-authorization-server");
            await using var demo = parse.GetValue(Demo) ? await DemoMode.StartAsync(app.Services, cancellationToken) : null;
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>The generated password goes to the console once and nowhere else: never to the log.</summary>
    private static async Task CreateFirstAdminAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<IUserStore>();
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var password = RandomTokens.Create(18);
        var created = await users.AddAsync(new User
        {
            Id = "usr_" + RandomTokens.Create(12),
            Username = "admin",
            PasswordHash = PasswordHasher.Hash(password),
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            MustChangePassword = true,
            IsAdmin = true,
        }, cancellationToken);
        if (created)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("  First start: created user 'admin' with this one-time password (it will not be shown again):");
            Console.Out.WriteLine($"    {password}");
            Console.Out.WriteLine("  Change it with: mandate users passwd admin --password-stdin");
            Console.Out.WriteLine();
        }
    }
}
