using System.Collections.Concurrent;
using ModelContextProtocol;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Collects progress as it is reported (Progress&lt;T&gt; would post it later, on the thread pool).</summary>
public sealed class RecordingProgress : IProgress<ProgressNotificationValue>
{
    public ConcurrentQueue<ProgressNotificationValue> Values { get; } = new();

    public void Report(ProgressNotificationValue value) => Values.Enqueue(value);
}
