using System.Diagnostics.Metrics;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>Reconciliation counters on the service's <c>Qtickets.Sync</c> meter.</summary>
public sealed class ReconcileMetrics
{
    public const string MeterName = "Qtickets.Sync";

    private readonly Counter<long> pages;
    private readonly Counter<long> orders;
    private readonly Counter<long> gapsHealed;
    private readonly Counter<long> refreshed;
    private readonly Histogram<double> runDuration;
    private readonly Counter<long> apiRequests;
    private readonly Histogram<int> runListRequests;

    public ReconcileMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        pages = meter.CreateCounter<long>("reconcile_pages_total", description: "Pages of orders committed by reconciliation runs.");
        orders = meter.CreateCounter<long>("reconcile_orders_total", description: "Orders seen by reconciliation runs, by upsert outcome.");
        gapsHealed = meter.CreateCounter<long>("reconcile_gaps_healed_total",
            description: "Orders reconciliation inserted or whose business content it changed (docs/business-content.md): gaps the webhooks left.");
        refreshed = meter.CreateCounter<long>("reconcile_orders_refreshed_total",
            description: "Orders reconciliation rewrote with no business change (the payload differed elsewhere): not gaps.");
        runDuration = meter.CreateHistogram<double>("reconcile_run_duration_seconds", unit: "s", description: "Duration of sync runs, by kind and final status.");
        apiRequests = meter.CreateCounter<long>("reconcile_api_requests_total", description: "QTickets requests made by sync runs, by run kind and request kind (list, get, catalog).");
        runListRequests = meter.CreateHistogram<int>("reconcile_run_list_requests", description: "Order list pages requested per sync run, by run kind: the API budget of a run.");
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
        if (counts.Refreshed > 0)
        {
            refreshed.Add(counts.Refreshed, kindTag);
        }
    }

    public void RunFinished(string kind, string status, TimeSpan duration) =>
        runDuration.Record(duration.TotalSeconds, new("kind", kind), new("status", status));

    public void ApiRequests(string kind, ApiCallTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        AddRequests(kind, "list", tally.ListRequests);
        AddRequests(kind, "get", tally.GetRequests);
        AddRequests(kind, "catalog", tally.CatalogRequests);
        runListRequests.Record(tally.ListRequests, new KeyValuePair<string, object?>("kind", kind));
    }

    private void AddRequests(string kind, string request, int count)
    {
        if (count > 0)
        {
            apiRequests.Add(count, new("kind", kind), new("request", request));
        }
    }

    private void Add(string kind, UpsertOutcome outcome, int count)
    {
        if (count > 0)
        {
            orders.Add(count, new("kind", kind), new("outcome", outcome.ToString().ToLowerInvariant()));
        }
    }
}
