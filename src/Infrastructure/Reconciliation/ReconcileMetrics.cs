using System.Diagnostics.Metrics;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>Reconciliation counters on the service's <c>Qtickets.Sync</c> meter.</summary>
public sealed class ReconcileMetrics
{
    public const string MeterName = "Qtickets.Sync";

    private readonly Counter<long> pages;
    private readonly Counter<long> orders;
    private readonly Counter<long> gapsHealed;
    private readonly Histogram<double> runDuration;

    public ReconcileMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        pages = meter.CreateCounter<long>("reconcile_pages_total", description: "Pages of orders committed by reconciliation runs.");
        orders = meter.CreateCounter<long>("reconcile_orders_total", description: "Orders seen by reconciliation runs, by upsert outcome.");
        gapsHealed = meter.CreateCounter<long>("reconcile_gaps_healed_total", description: "Orders reconciliation inserted or updated: gaps the webhooks left.");
        runDuration = meter.CreateHistogram<double>("reconcile_run_duration_seconds", unit: "s", description: "Duration of sync runs, by kind and final status.");
    }

    public void PageCommitted(string kind, int pageCount, PageCounts counts)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        pages.Add(pageCount, kindTag);
        Add(kind, UpsertOutcome.Inserted, counts.Inserted);
        Add(kind, UpsertOutcome.Updated, counts.Updated);
        Add(kind, UpsertOutcome.Unchanged, counts.Unchanged);
        if (counts.MarkedMissing > 0)
        {
            orders.Add(counts.MarkedMissing, kindTag, new("outcome", "missing"));
        }
        if (counts.GapsHealed > 0)
        {
            gapsHealed.Add(counts.GapsHealed, kindTag);
        }
    }

    public void RunFinished(string kind, string status, TimeSpan duration) =>
        runDuration.Record(duration.TotalSeconds, new("kind", kind), new("status", status));

    private void Add(string kind, UpsertOutcome outcome, int count)
    {
        if (count > 0)
        {
            orders.Add(count, new("kind", kind), new("outcome", outcome.ToString().ToLowerInvariant()));
        }
    }
}
