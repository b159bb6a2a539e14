using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Assets;

/// <summary>
/// The one stylesheet, served from memory: no static-file pipeline to configure, and a CSP of style-src 'self'
/// with no inline styles.
/// </summary>
public static class SiteStylesheet
{
    private const string Css = """
        :root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bg: #f6f8fa; --card: #fff; --accent: #0b5cad; --warn: #8a4b00; --border: #d1d9e0; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --accent: #4493f8; --warn: #d29922; --border: #3d444d; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
        .brand { padding: 1rem 1.5rem; font-weight: 600; letter-spacing: .02em; }
        tr.focus td { background: color-mix(in srgb, var(--accent) 8%, transparent); }
        .card { max-width: 32rem; margin: 2rem auto; padding: 2rem; background: var(--card); border: 1px solid var(--border); border-radius: 12px; }
        h1 { font-size: 1.4rem; margin-top: 0; }
        label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
        input[type=text], input[type=password] { width: 100%; padding: .6rem; border: 1px solid var(--border); border-radius: 6px; font: inherit; background: var(--bg); color: var(--fg); }
        button { margin-top: 1.25rem; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid var(--border); font: inherit; cursor: pointer; background: var(--card); color: var(--fg); }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        .actions { display: flex; gap: .75rem; }
        .muted { color: var(--muted); font-size: .9rem; }
        .error, .error-code { color: #c62828; }
        .warning { border-left: 4px solid var(--warn); padding: .5rem .75rem; background: color-mix(in srgb, var(--warn) 12%, transparent); }
        ul.scopes { padding-left: 1.2rem; }
        table { width: 100%; border-collapse: collapse; }
        .card.wide { max-width: 76rem; }
        nav.console { display: flex; gap: 1.25rem; padding: 0 1.5rem; }
        nav.console a { color: var(--accent); }
        form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-bottom: 1rem; }
        form.filters label { margin: 0; font-weight: 400; }
        form.filters input, form.filters select { display: block; padding: .4rem; border: 1px solid var(--border); border-radius: 6px; font: inherit; background: var(--bg); color: var(--fg); }
        form.filters button { margin-top: 0; }
        table.activity td { vertical-align: top; font-size: .9rem; }
        tr.decision-deny td, tr.decision-error td { color: #c62828; }
        td, th { text-align: left; padding: .5rem .25rem; border-bottom: 1px solid var(--border); vertical-align: top; }
        code { font-size: .9em; word-break: break-all; }
        nav.site { padding: 0 1.5rem; display: flex; gap: 1rem; }
        nav.site a, a { color: var(--accent); }
        section.approval { border-top: 1px solid var(--border); padding-top: 1rem; margin-top: 1rem; }
        section.approval h2 { font-size: 1.1rem; }
        .binding { font-family: ui-monospace, monospace; font-size: 1.1rem; }
        pre { white-space: pre-wrap; word-break: break-all; background: var(--bg); padding: .5rem; border-radius: 6px; }
        """;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/site.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(Css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
}
