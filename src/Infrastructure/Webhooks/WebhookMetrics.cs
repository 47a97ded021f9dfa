using Prometheus;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// The webhook metrics: <c>qtickets_sync_webhook_deliveries_total</c>, <c>qtickets_sync_webhook_accept_latency_seconds</c>,
/// <c>qtickets_sync_webhook_apply_latency_seconds</c>, <c>qtickets_sync_webhook_apply_lag_seconds</c> and
/// <c>qtickets_sync_webhook_apply_yield_seconds_total</c>.
/// Recording is an in-memory increment: the webhook path never waits on metrics.
/// </summary>
public sealed class WebhookMetrics : ISyncMetricSet
{
    /// <summary>Every <see cref="WebhookOutcomes"/> value, each shown from the first scrape.</summary>
    private static readonly IReadOnlyList<string> Outcomes =
    [
        WebhookOutcomes.Accepted, WebhookOutcomes.Duplicate, WebhookOutcomes.RejectedSignature, WebhookOutcomes.RejectedBody,
        WebhookOutcomes.Flagged, WebhookOutcomes.DbUnavailable, WebhookOutcomes.RateLimited, WebhookOutcomes.UnknownAccount,
    ];

    private const string OtherEventType = "other";

    private readonly Counter deliveries;
    private readonly Histogram acceptLatency;
    private readonly Histogram applyLatency;
    private readonly Histogram applyLag;
    private readonly Counter applyYield;

    public WebhookMetrics(IMetricFactory metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        deliveries = metrics.CreateCounter("qtickets_sync_webhook_deliveries_total",
            "Webhook deliveries by event type and what became of them at the door.", ["event_type", "outcome"]);
        foreach (var labels in LabelSets.Of([.. WebhookEventTypes.Known, OtherEventType], Outcomes))
        {
            deliveries.WithLabels(labels);
        }
        acceptLatency = metrics.CreateHistogram("qtickets_sync_webhook_accept_latency_seconds",
            "Seconds from request received to the inbox row committed.");
        applyLatency = metrics.CreateHistogram("qtickets_sync_webhook_apply_latency_seconds",
            "Seconds from request received to the order applied to the mirror.");
        // Freshness as a reader feels it: until the batch's commit, when the order becomes visible (issue 30).
        // Buckets from a fold interval's share of a second up to a backlog of minutes.
        applyLag = metrics.CreateHistogram("qtickets_sync_webhook_apply_lag_seconds",
            "Seconds from a delivery received to the commit of the batch that applied it (when readers see the order).",
            new HistogramConfiguration { Buckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        applyYield = metrics.CreateCounter("qtickets_sync_webhook_apply_yield_seconds_total",
            "Seconds batches waited for a crowded inbox before they were applied, summed over batches (a backlog is worked off Webhooks:ApplyConcurrency batches at a time).");
    }

    /// <param name="outcome">One of <see cref="WebhookOutcomes"/>.</param>
    /// <remarks>
    /// <c>event_type</c> takes the documented event types only, anything else counts as <c>other</c>: a label
    /// per value a sender makes up would let anyone grow the metrics without bound.
    /// </remarks>
    public void Delivery(string? eventType, string outcome) => deliveries.WithLabels(EventLabel(eventType), outcome).Inc();

    public static string EventLabel(string? eventType) =>
        eventType is not null && WebhookEventTypes.Known.Contains(eventType) ? eventType : OtherEventType;

    public void Accepted(TimeSpan latency) => acceptLatency.Observe(latency.TotalSeconds);

    public void Applied(TimeSpan latency) => applyLatency.Observe(latency.TotalSeconds);

    public void ApplyCommitted(TimeSpan lag) => applyLag.Observe(lag.TotalSeconds);

    public void Yielded(TimeSpan waited) => applyYield.Inc(waited.TotalSeconds);
}
