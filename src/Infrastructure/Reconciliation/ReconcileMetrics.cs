using Prometheus;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>The <c>qtickets_sync_reconcile_*</c> metrics of sync runs, by run kind.</summary>
public sealed class ReconcileMetrics : ISyncMetricSet
{
    private const string Missing = "missing";
    private static readonly IReadOnlyList<string> OrderOutcomes =
        [.. new[] { UpsertOutcome.Inserted, UpsertOutcome.Updated, UpsertOutcome.Unchanged }.Select(Label), Missing];
    // A run ends succeeded or failed; skipped runs never start and are not timed.
    private static readonly IReadOnlyList<string> FinalStatuses = [SyncRunStatuses.Succeeded, SyncRunStatuses.Failed];
    private static readonly IReadOnlyList<string> RequestKinds = ["list", "get", "catalog"];

    private readonly Counter pages;
    private readonly Counter orders;
    private readonly Counter gapsHealed;
    private readonly Counter refreshed;
    private readonly Histogram runDuration;
    private readonly Counter apiRequests;
    private readonly Histogram runListRequests;

    public ReconcileMetrics(IMetricFactory metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        pages = metrics.CreateCounter("qtickets_sync_reconcile_pages_total",
            "Pages of orders committed by sync runs, by run kind.", ["kind"]);
        orders = metrics.CreateCounter("qtickets_sync_reconcile_orders_total",
            "Orders seen by sync runs, by run kind and upsert outcome (inserted, updated, unchanged, missing).", ["kind", "outcome"]);
        gapsHealed = metrics.CreateCounter("qtickets_sync_reconcile_gaps_healed_total",
            "Orders sync runs inserted or whose business content they changed (docs/business-content.md): gaps the webhooks left, by run kind.", ["kind"]);
        refreshed = metrics.CreateCounter("qtickets_sync_reconcile_orders_refreshed_total",
            "Orders sync runs rewrote with no business change (the payload differed elsewhere): not gaps, by run kind.", ["kind"]);
        runDuration = metrics.CreateHistogram("qtickets_sync_reconcile_run_duration_seconds",
            "Duration of sync runs in seconds, by kind and final status.", ["kind", "status"],
            new HistogramConfiguration { Buckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        apiRequests = metrics.CreateCounter("qtickets_sync_reconcile_api_requests_total",
            "QTickets requests made by sync runs, by run kind and request kind (list, get, catalog).", ["kind", "request"]);
        runListRequests = metrics.CreateHistogram("qtickets_sync_reconcile_run_list_requests",
            "Order list pages requested per sync run, by run kind: the API budget of a run.", ["kind"],
            new HistogramConfiguration { Buckets = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

        foreach (var kind in SyncRunKinds.All)
        {
            pages.WithLabels(kind);
            gapsHealed.WithLabels(kind);
            refreshed.WithLabels(kind);
            runListRequests.WithLabels(kind);
        }
        foreach (var labels in LabelSets.Of(SyncRunKinds.All, OrderOutcomes))
        {
            orders.WithLabels(labels);
        }
        foreach (var labels in LabelSets.Of(SyncRunKinds.All, FinalStatuses))
        {
            runDuration.WithLabels(labels);
        }
        foreach (var labels in LabelSets.Of(SyncRunKinds.All, RequestKinds))
        {
            apiRequests.WithLabels(labels);
        }
    }

    public void PageCommitted(string kind, int pageCount, PageCounts counts)
    {
        pages.WithLabels(kind).Inc(pageCount);
        orders.WithLabels(kind, Label(UpsertOutcome.Inserted)).Inc(counts.Inserted);
        orders.WithLabels(kind, Label(UpsertOutcome.Updated)).Inc(counts.Updated);
        orders.WithLabels(kind, Label(UpsertOutcome.Unchanged)).Inc(counts.Unchanged);
        orders.WithLabels(kind, Missing).Inc(counts.MarkedMissing);
        gapsHealed.WithLabels(kind).Inc(counts.GapsHealed);
        refreshed.WithLabels(kind).Inc(counts.Refreshed);
    }

    public void RunFinished(string kind, string status, TimeSpan duration) =>
        runDuration.WithLabels(kind, status).Observe(duration.TotalSeconds);

    public void ApiRequests(string kind, ApiCallTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        apiRequests.WithLabels(kind, "list").Inc(tally.ListRequests);
        apiRequests.WithLabels(kind, "get").Inc(tally.GetRequests);
        apiRequests.WithLabels(kind, "catalog").Inc(tally.CatalogRequests);
        runListRequests.WithLabels(kind).Observe(tally.ListRequests);
    }

    private static string Label(UpsertOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
