using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>Records the reconcile instruments of one host (its meter factory), not of other hosts in the process.</summary>
public sealed class ReconcileMetricsRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, string? Outcome)> measurements = new();

    public ReconcileMetricsRecorder(IMeterFactory meterFactory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name.StartsWith("reconcile_", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    public double Sum(string name, string? outcome = null) =>
        measurements.Where(m => m.Name == name && (outcome is null || m.Outcome == outcome)).Sum(m => m.Value);

    public int Count(string name) => measurements.Count(m => m.Name == name);

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                outcome = tag.Value as string;
            }
        }
        measurements.Enqueue((instrument.Name, value, outcome));
    }
}
