using System.Diagnostics.Metrics;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>Daily sales table counters on the service's <c>Qtickets.Sync</c> meter.</summary>
public sealed class SalesMetrics
{
    private readonly Counter<long> keysFolded;
    private readonly Counter<long> driftRows;
    private long lastDriftRows;

    public SalesMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ReconcileMetrics.MeterName);
        keysFolded = meter.CreateCounter<long>("daily_sales_keys_folded_total", description: "(event, day) keys of the daily sales table recomputed from the queue.");
        driftRows = meter.CreateCounter<long>("daily_sales_drift_rows_total", description: "Rows of the daily sales table the drift check found different from the recompute (and repaired).");
        meter.CreateObservableGauge("daily_sales_drift_rows", () => Interlocked.Read(ref lastDriftRows),
            description: "Rows the last drift check found different from the recompute; 0 expected.");
    }

    public void KeysFolded(int count) => keysFolded.Add(count);

    public void DriftChecked(int differing)
    {
        Interlocked.Exchange(ref lastDriftRows, differing);
        driftRows.Add(differing);
    }
}
