using Prometheus;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>The <c>qtickets_sync_daily_sales_*</c> metrics of the daily sales table.</summary>
public sealed class SalesMetrics : ISyncMetricSet
{
    private readonly Counter keysFolded;
    private readonly Counter driftRowsTotal;
    private readonly Gauge lastDriftRows;

    public SalesMetrics(IMetricFactory metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        keysFolded = metrics.CreateCounter("qtickets_sync_daily_sales_keys_folded_total",
            "(event, day) keys of the daily sales table recomputed from the queue.");
        driftRowsTotal = metrics.CreateCounter("qtickets_sync_daily_sales_drift_rows_total",
            "Rows of the daily sales table the drift check found different from the recompute (and repaired).");
        lastDriftRows = metrics.CreateGauge("qtickets_sync_daily_sales_drift_rows",
            "Rows the last drift check found different from the recompute; 0 expected.");
    }

    public void KeysFolded(int count) => keysFolded.Inc(count);

    public void DriftChecked(int differing)
    {
        lastDriftRows.Set(differing);
        driftRowsTotal.Inc(differing);
    }
}
