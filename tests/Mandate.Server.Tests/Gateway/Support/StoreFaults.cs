using Mandate.Core.Approvals;
using Mandate.Core.Mandates.Enforcement;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Switches that make the server's approval store or mandate counters throw, as a broken database would.</summary>
public sealed class StoreFaults
{
    public bool ApprovalCreateFails { get; set; }

    public bool ApprovalReadFails { get; set; }

    public bool CounterFails { get; set; }

    public bool UncountFails { get; set; }

    /// <summary>Wraps the server's own approval store and call counter (registered before) in switchable failures.</summary>
    public void Wrap(IServiceCollection services)
    {
        Decorate<IApprovalStore>(services, inner => new FaultyApprovalStore(inner, this));
        Decorate<IMandateCallCounter>(services, inner => new FaultyCallCounter(inner, this));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(descriptor);
        services.AddSingleton(sp => wrap((T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!))));
    }

    private static IOException Down(string what) => new($"The {what} is down.");

    private sealed class FaultyApprovalStore(IApprovalStore inner, StoreFaults faults) : IApprovalStore
    {
        public Task CreateAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
            faults.ApprovalCreateFails ? Task.FromException(Down("approval store")) : inner.CreateAsync(request, cancellationToken);

        public Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
            faults.ApprovalReadFails ? Task.FromException<ApprovalRequest?>(Down("approval store")) : inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? subject, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.ListPendingAsync(subject, now, cancellationToken);

        public Task<bool> DecideAsync(string id, string decidedBy, bool approve, string? subject, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.DecideAsync(id, decidedBy, approve, subject, now, cancellationToken);

        public Task<bool> ConsumeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
            faults.ApprovalReadFails ? Task.FromException<bool>(Down("approval store")) : inner.ConsumeAsync(id, now, cancellationToken);

        public Task<IReadOnlyList<ApprovalRequest>> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.ExpireDueAsync(now, cancellationToken);

        public Task<int> DeleteFinishedAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
            inner.DeleteFinishedAsync(before, cancellationToken);
    }

    private sealed class FaultyCallCounter(IMandateCallCounter inner, StoreFaults faults) : IMandateCallCounter, IAsyncDisposable
    {
        public Task<CallCharge?> TryCountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken) =>
            faults.CounterFails ? Task.FromException<CallCharge?>(Down("counter store")) : inner.TryCountAsync(charges, cancellationToken);

        public Task UncountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken) =>
            faults.UncountFails ? Task.FromException(Down("counter store")) : inner.UncountAsync(charges, cancellationToken);

        public Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken) => inner.CountAsync(grantId, tool, cancellationToken);

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.DeleteExpiredAsync(now, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (inner is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
