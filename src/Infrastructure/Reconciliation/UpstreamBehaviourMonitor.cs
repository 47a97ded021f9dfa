using Microsoft.Extensions.Logging;
using Prometheus;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Keeps the latest known verdict on how QTickets serves listings, exports it as gauges and logs a warning once
/// each time it changes. It starts from what the documentation promises (everything honoured), so a server that
/// ignores a filter is reported on the first run that sees it.
/// </summary>
public sealed partial class UpstreamBehaviourMonitor : ISyncMetricSet
{
    private readonly Lock gate = new();
    private readonly ILogger<UpstreamBehaviourMonitor> logger;
    private readonly Gauge honoured;
    private readonly Gauge pageSize;
    private ListingVerdict known = new(Compliance.Honoured, Compliance.Honoured, Compliance.Honoured, null);

    public UpstreamBehaviourMonitor(IMetricFactory metrics, ILogger<UpstreamBehaviourMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.logger = logger;
        honoured = metrics.CreateGauge("qtickets_sync_upstream_listing_honoured",
            "1 when QTickets was last seen to honour the aspect of a listing (paid_filter, updated_filter, order), 0 when it ignored it.",
            ["aspect"]);
        pageSize = metrics.CreateGauge("qtickets_sync_upstream_page_size",
            "Rows per page QTickets last served, whatever was asked (0 until seen).");
        Export(known);
    }

    public ListingVerdict Known
    {
        get
        {
            lock (gate)
            {
                return known;
            }
        }
    }

    /// <summary>Takes in a run's verdict; aspects the run could not judge keep their last known value.</summary>
    public void Observe(ListingVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ListingVerdict before, after;
        lock (gate)
        {
            before = known;
            after = new ListingVerdict(
                verdict.PaidFilter == Compliance.Unknown ? before.PaidFilter : verdict.PaidFilter,
                verdict.UpdatedFilter == Compliance.Unknown ? before.UpdatedFilter : verdict.UpdatedFilter,
                verdict.Order == Compliance.Unknown ? before.Order : verdict.Order,
                verdict.PageSize ?? before.PageSize);
            known = after;
            Export(after);
        }
        if (after with { PageSize = null } != before with { PageSize = null }
            || (before.PageSize is not null && after.PageSize != before.PageSize))
        {
            LogChanged(ListingVerdict.Name(after.PaidFilter), ListingVerdict.Name(after.UpdatedFilter),
                ListingVerdict.Name(after.Order), after.PageSize);
        }
    }

    private void Export(ListingVerdict verdict)
    {
        Export("paid_filter", verdict.PaidFilter);
        Export("updated_filter", verdict.UpdatedFilter);
        Export("order", verdict.Order);
        pageSize.Set(verdict.PageSize ?? 0);
    }

    private void Export(string aspect, Compliance compliance) => honoured.WithLabels(aspect).Set(compliance == Compliance.Honoured ? 1 : 0);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "QTickets listing behaviour changed: paid filter {PaidFilter}, updated_at filter {UpdatedFilter}, order {Order}, {PageSize} rows a page; reconcile walks accordingly")]
    private partial void LogChanged(string paidFilter, string updatedFilter, string order, int? pageSize);
}
