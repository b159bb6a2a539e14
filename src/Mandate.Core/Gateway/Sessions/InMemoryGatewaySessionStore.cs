using System.Collections.Concurrent;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway.Sessions;

/// <summary>Gateway sessions in process memory; a restart forgets them and clients start new ones (404, then initialize).</summary>
public sealed class InMemoryGatewaySessionStore(IOptions<MandateOptions> options, TimeProvider time) : IGatewaySessionStore
{
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, GatewaySession> sessions = new(StringComparer.Ordinal);
    private int created;

    public ValueTask<GatewaySession> CreateAsync(string upstream, string upstreamSessionId, string subject, string clientId, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref created) % SweepEvery == 0)
        {
            Sweep();
        }

        var session = new GatewaySession
        {
            Id = RandomTokens.Create(24),
            Upstream = upstream,
            UpstreamSessionId = upstreamSessionId,
            Subject = subject,
            ClientId = clientId,
            LastUsedAt = time.GetUtcNow(),
        };
        sessions[session.Id] = session;
        return ValueTask.FromResult(session);
    }

    public ValueTask<GatewaySession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!sessions.TryGetValue(id, out var session))
        {
            return ValueTask.FromResult<GatewaySession?>(null);
        }

        var now = time.GetUtcNow();
        if (IsIdle(session, now))
        {
            sessions.TryRemove(id, out _);
            return ValueTask.FromResult<GatewaySession?>(null);
        }

        var touched = session with { LastUsedAt = now };
        sessions.TryUpdate(id, touched, session);
        return ValueTask.FromResult<GatewaySession?>(touched);
    }

    public ValueTask RemoveAsync(string id, CancellationToken cancellationToken)
    {
        sessions.TryRemove(id, out _);
        return ValueTask.CompletedTask;
    }

    private bool IsIdle(GatewaySession session, DateTimeOffset now) => now - session.LastUsedAt > options.Value.Gateway.SessionIdleTimeout;

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in sessions)
        {
            if (IsIdle(session, now))
            {
                sessions.TryRemove(id, out _);
            }
        }
    }
}
