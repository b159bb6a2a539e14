using Mandate.Core.Gateway.Http;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>The method+path rules of HTTP upstreams.</summary>
public sealed class EfHttpRuleStore(IDbContextFactory<MandateDbContext> factory) : IHttpRuleStore
{
    public async Task<IReadOnlyList<HttpRule>> ListAsync(string upstream, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.HttpRules.AsNoTracking().Where(r => r.Upstream == upstream).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return rows.Select(r => new HttpRule(r.Id, r.Upstream, r.Method, r.Path, r.Level, r.CreatedAt)).ToList();
    }

    public async Task<HttpRule> AddAsync(HttpRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = new HttpRuleEntity { Upstream = rule.Upstream, Method = rule.Method, Path = rule.Path, Level = rule.Level, CreatedAt = rule.CreatedAt };
        db.HttpRules.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return rule with { Id = entity.Id };
    }

    public async Task<bool> RemoveAsync(string upstream, long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HttpRules.Where(r => r.Upstream == upstream && r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.HttpRules.Where(r => r.Upstream == upstream).ExecuteDeleteAsync(cancellationToken);
    }
}
