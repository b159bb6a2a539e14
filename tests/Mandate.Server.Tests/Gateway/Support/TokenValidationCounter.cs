using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mandate.Core.Gateway.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Counts the gateway's token checks by outcome (verified, cached, rejected) on one server's meter.</summary>
public sealed class TokenValidationCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public TokenValidationCounter(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayTokenValidator.MeterName && instrument.Name == GatewayTokenValidator.ValidationsInstrument
                && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome" && tag.Value is string outcome)
                {
                    counts.AddOrUpdate(outcome, value, (_, c) => c + value);
                }
            }
        });
        listener.Start();
    }

    public long this[string outcome] => counts.GetValueOrDefault(outcome);

    public void Dispose() => listener.Dispose();
}
