using System.Diagnostics.Metrics;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// The webhook instruments on the service's "Qtickets.Sync" meter. prometheus-net prefixes the meter name, so
/// Prometheus sees <c>qtickets_sync_webhook_deliveries_total</c>,
/// <c>qtickets_sync_webhook_accept_latency_seconds</c>, <c>qtickets_sync_webhook_apply_latency_seconds</c> and
/// <c>qtickets_sync_webhook_apply_yield_seconds_total</c>.
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "Qtickets.Sync";

    private readonly Counter<long> deliveries;
    private readonly Histogram<double> acceptLatency;
    private readonly Histogram<double> applyLatency;
    private readonly Counter<double> applyYield;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        deliveries = meter.CreateCounter<long>(
            "webhook_deliveries_total", description: "Webhook deliveries by event type and what became of them at the door.");
        acceptLatency = meter.CreateHistogram<double>(
            "webhook_accept_latency_seconds", unit: "s", description: "From request received to the inbox row committed.");
        applyLatency = meter.CreateHistogram<double>(
            "webhook_apply_latency_seconds", unit: "s", description: "From request received to the order applied to the mirror.");
        applyYield = meter.CreateCounter<double>(
            "webhook_apply_yield_seconds_total", unit: "s", description: "Time the applier gave way to a crowded inbox before a batch.");
    }

    /// <param name="outcome">One of <see cref="WebhookOutcomes"/>.</param>
    /// <remarks>
    /// <c>event_type</c> takes the documented event types only, anything else counts as <c>other</c>: a label
    /// per value a sender makes up would let anyone grow the metrics without bound.
    /// </remarks>
    public void Delivery(string? eventType, string outcome) =>
        deliveries.Add(1, new("event_type", EventLabel(eventType)), new("outcome", outcome));

    public static string EventLabel(string? eventType) =>
        eventType is not null && WebhookEventTypes.Known.Contains(eventType) ? eventType : "other";

    public void Accepted(TimeSpan latency) => acceptLatency.Record(latency.TotalSeconds);

    public void Applied(TimeSpan latency) => applyLatency.Record(latency.TotalSeconds);

    public void Yielded(TimeSpan waited) => applyYield.Add(waited.TotalSeconds);
}
