using System.Threading.RateLimiting;
using Mandate.Core;
using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Server.Assets;
using Mandate.Server.Gateway;
using Mandate.Server.Gateway.Upstreams;
using Mandate.Server.Http;
using Mandate.Server.OAuth.Authorize;
using Mandate.Server.OAuth.Introspection;
using Mandate.Server.OAuth.Registration;
using Mandate.Server.OAuth.Revocation;
using Mandate.Server.OAuth.Token;
using Mandate.Server.Security;
using Mandate.Server.WellKnown;
using Mandate.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Hosting;

/// <summary>The composition of `mandate serve`: one process that is the authorization server (and later the gateway and ledger).</summary>
public static class MandateServer
{
    public static WebApplication Build(ServerSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = settings.EnvironmentName, ApplicationName = typeof(MandateServer).Assembly.GetName().Name });
        MandateConfiguration.Apply(builder.Configuration, settings);
        var (urls, issuer) = MandateConfiguration.ResolveEndpoints(builder.Configuration);
        builder.Configuration["Issuer"] = issuer;
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        ConfigureLogging(builder);

        var dataDir = builder.Configuration["DataDir"] ?? new MandateOptions().DataDir;
        var services = builder.Services;
        services.AddOptions<MandateOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddMandateCore(dataDir);
        services.AddMandateSqliteStorage(dataDir);
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<MaintenanceService>();
        services.AddHostedService<ApprovalMaintenanceService>();
        services.AddHostedService<Ledger.LedgerCheckpointService>();
        services.AddSingleton<Vault.ConnectionRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<Vault.ConnectionRefreshService>());
        ConfigureWeb(services, issuer);
        services.AddMandateSecretProtection(dataDir);
        services.AddMandateUpstreamToolSource();
        services.AddMandateGateway();
        configureServices?.Invoke(services);

        var app = builder.Build();

        // Fail here, with only the list of problems, rather than inside host start-up with a stack trace.
        _ = app.Services.GetRequiredService<IOptions<MandateOptions>>().Value;
        Configure(app, issuer);
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        // Request lines carry query strings; keep framework logs to warnings so nothing sensitive reaches them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // Data-protection keys (cookies, antiforgery) sit unencrypted in the data directory, like the signing keys;
        // the directory's permissions protect both (docs/security.md). The framework warns about it on every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        if (builder.Configuration["LogFormat"] == "json")
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
    }

    private static void ConfigureWeb(IServiceCollection services, string issuer)
    {
        var https = issuer.StartsWith("https://", StringComparison.Ordinal);
        services.AddRazorPages().AddApplicationPart(typeof(MandateServer).Assembly);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = https ? "__Host-mandate-af" : "mandate-af";
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            // __Host- needs Secure, which plain-HTTP loopback development cannot have.
            o.Cookie.Name = https ? "__Host-mandate-session" : "mandate-session";
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.LoginPath = "/login";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = false;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<MandateOptions>>((o, m) => o.ExpireTimeSpan = m.Value.Login.SessionLifetime);
        services.AddAuthorization();
        services.AddMandateCors();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.Registration, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) }));
        });
    }

    private static void UseTrustedProxies(WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<MandateOptions>>().Value.Proxy;
        if (proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0)
        {
            return;
        }

        // Only the client address is taken from the proxy; the scheme and host come from the issuer.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        proxy.KnownProxies.ForEach(p => forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(p)));
        proxy.KnownNetworks.ForEach(n => forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
        app.UseForwardedHeaders(forwarded);
    }

    private static void Configure(WebApplication app, string issuer)
    {
        var issuerPath = new Uri(issuer).AbsolutePath.TrimEnd('/');
        UseTrustedProxies(app);
        app.Use((context, next) =>
        {
            // Core services record events with this request's address and correlation id (after the proxy's).
            Core.Audit.AuditContext.Current = new HttpAuditOrigin(context);
            return next(context);
        });
        if (issuer.StartsWith("https://", StringComparison.Ordinal))
        {
            // Behind the TLS terminator the docs prescribe, requests arrive over plain HTTP. The issuer says the public
            // scheme: Secure cookies and antiforgery (which refuses to run on a non-HTTPS request) depend on it.
            app.Use((context, next) =>
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
                return next(context);
            });
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler(error => error.Run(context =>
            OAuthResponses.WriteErrorAsync(context, Protocol.OAuth.OAuthError.ServerError("An unexpected error occurred."))));
        DiscoveryEndpoint.Map(app, issuerPath);
        if (issuerPath.Length > 0)
        {
            app.UsePathBase(issuerPath);
        }

        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseWhen(context => !Gateway.GatewayEndpointMarker.IsGateway(context), site =>
        {
            site.UseAuthentication();
            site.UseAuthorization();
            site.UseAntiforgery();
        });
        JwksEndpoint.Map(app);
        AuthorizeEndpoint.Map(app);
        TokenEndpoint.Map(app);
        OAuth.Par.PushedAuthorizationEndpoint.Map(app);
        OAuth.Ciba.BackchannelAuthenticationEndpoint.Map(app);
        IntrospectionEndpoint.Map(app);
        RevocationEndpoint.Map(app);
        RegistrationEndpoint.Map(app);
        app.MapMandateGateway(issuerPath);
        Ledger.LedgerEndpoints.Map(app);
        SiteStylesheet.Map(app);
        app.MapRazorPages();
    }
}
