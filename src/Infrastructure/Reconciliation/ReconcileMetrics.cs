using Prometheus;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>The <c>qtickets_sync_reconcile_*</c> metrics of sync runs, by run kind.</summary>
public sealed class ReconcileMetrics : ISyncMetricSet
{
    private const string Missing = "missing";

    /// <summary>The page's unchanged rows (<see cref="PageCounts.Unchanged"/>: duplicate or stale payloads).</summary>
    private const string Unchanged = "unchanged";
    private const string AllAccounts = "all";
    private static readonly IReadOnlyList<string> OrderOutcomes =
        [.. new[] { UpsertOutcome.Inserted, UpsertOutcome.Updated }.Select(Label), Unchanged, Missing];
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

    public ReconcileMetrics(IMetricFactory metrics, AccountDirectory accounts)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(accounts);
        pages = metrics.CreateCounter("qtickets_sync_reconcile_pages_total",
            "Pages of orders committed by sync runs, by account and run kind.", ["account", "kind"]);
        orders = metrics.CreateCounter("qtickets_sync_reconcile_orders_total",
            "Orders seen by sync runs, by account, run kind and upsert outcome (inserted, updated, unchanged, missing).", ["account", "kind", "outcome"]);
        gapsHealed = metrics.CreateCounter("qtickets_sync_reconcile_gaps_healed_total",
            "Orders sync runs inserted or whose business content they changed (docs/business-content.md): gaps the webhooks left, by account and run kind.", ["account", "kind"]);
        refreshed = metrics.CreateCounter("qtickets_sync_reconcile_orders_refreshed_total",
            "Orders sync runs rewrote with no business change (the payload differed elsewhere): not gaps, by account and run kind.", ["account", "kind"]);
        runDuration = metrics.CreateHistogram("qtickets_sync_reconcile_run_duration_seconds",
            "Duration of sync runs in seconds, by account, kind and final status.", ["account", "kind", "status"],
            new HistogramConfiguration { Buckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        apiRequests = metrics.CreateCounter("qtickets_sync_reconcile_api_requests_total",
            "Upstream requests made by sync runs, by account, run kind and request kind (list, get, catalog).", ["account", "kind", "request"]);
        runListRequests = metrics.CreateHistogram("qtickets_sync_reconcile_run_list_requests",
            "Order list pages requested per sync run, by account and run kind: the API budget of a run.", ["account", "kind"],
            new HistogramConfiguration { Buckets = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

        // Every configured account is known at start, so each shows 0 for every kind before its first run; runs
        // about the whole deployment (daily sales) count under "all" once they happen.
        var accountKinds = LabelSets.Of(accounts.Configured.Select(a => a.Name), SyncRunKinds.All).ToList();
        foreach (var labels in accountKinds)
        {
            pages.WithLabels(labels);
            gapsHealed.WithLabels(labels);
            refreshed.WithLabels(labels);
            runListRequests.WithLabels(labels);
            foreach (var outcome in OrderOutcomes)
            {
                orders.WithLabels(labels[0], labels[1], outcome);
            }
            foreach (var status in FinalStatuses)
            {
                runDuration.WithLabels(labels[0], labels[1], status);
            }
            foreach (var request in RequestKinds)
            {
                apiRequests.WithLabels(labels[0], labels[1], request);
            }
        }
    }

    public void PageCommitted(SyncRunContext run, int pageCount, PageCounts counts)
    {
        ArgumentNullException.ThrowIfNull(run);
        var account = AccountLabel(run.Account);
        pages.WithLabels(account, run.Kind).Inc(pageCount);
        orders.WithLabels(account, run.Kind, Label(UpsertOutcome.Inserted)).Inc(counts.Inserted);
        orders.WithLabels(account, run.Kind, Label(UpsertOutcome.Updated)).Inc(counts.Updated);
        orders.WithLabels(account, run.Kind, Unchanged).Inc(counts.Unchanged);
        orders.WithLabels(account, run.Kind, Missing).Inc(counts.MarkedMissing);
        gapsHealed.WithLabels(account, run.Kind).Inc(counts.GapsHealed);
        refreshed.WithLabels(account, run.Kind).Inc(counts.Refreshed);
    }

    public void RunFinished(SyncAccount? account, string kind, string status, TimeSpan duration) =>
        runDuration.WithLabels(AccountLabel(account), kind, status).Observe(duration.TotalSeconds);

    public void ApiRequests(SyncAccount? account, string kind, ApiCallTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var name = AccountLabel(account);
        apiRequests.WithLabels(name, kind, "list").Inc(tally.ListRequests);
        apiRequests.WithLabels(name, kind, "get").Inc(tally.GetRequests);
        apiRequests.WithLabels(name, kind, "catalog").Inc(tally.CatalogRequests);
        runListRequests.WithLabels(name, kind).Observe(tally.ListRequests);
    }

    private static string AccountLabel(SyncAccount? account) => account?.Name ?? AllAccounts;

    private static string Label(UpsertOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
