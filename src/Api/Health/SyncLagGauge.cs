using Prometheus;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Api.Health;

/// <summary>
/// <c>qtickets_sync_lag_seconds</c>: seconds since the reconcile watermark (<c>source=reconcile</c>) and since the
/// last applied webhook (<c>source=webhook</c>); and <c>qtickets_sync_webhook_deliveries_unapplied</c>. Scrapes
/// read the values <see cref="SyncLagMonitor"/> caches, so a scrape never queries the database.
/// </summary>
public sealed class SyncLagGauge : ISyncMetricSet
{
    private const string Reconcile = "reconcile";
    private const string Webhook = "webhook";

    private readonly TimeProvider time;
    private readonly Gauge lag;
    private readonly Gauge unapplied;
    private volatile Snapshot latest = new(null, null);

    public SyncLagGauge(SyncMetricsRegistry metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.time = time;
        lag = metrics.Factory.CreateGauge("qtickets_sync_lag_seconds",
            "Seconds the mirror trails QTickets, by source (reconcile watermark, last applied webhook); absent until known.", ["source"]);
        unapplied = metrics.Factory.CreateGauge("qtickets_sync_webhook_deliveries_unapplied",
            "Webhook deliveries that failed, were discarded (dead) or are quarantined, by status.", ["status"]);
        Update(new WebhookFailureCounts(0, 0, 0, null));
        // The lag grows between refreshes, so it is worked out at each scrape from the cached instants.
        metrics.Registry.AddBeforeCollectCallback(Export);
    }

    public void Update(WebhookFailureCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        unapplied.WithLabels(DeliveryStatuses.Failed).Set(counts.Failed);
        unapplied.WithLabels(DeliveryStatuses.Dead).Set(counts.Dead);
        unapplied.WithLabels(DeliveryStatuses.Quarantined).Set(counts.Quarantined);
    }

    public void Update(DateTimeOffset? watermark, DateTimeOffset? lastAppliedWebhook) => latest = new(watermark, lastAppliedWebhook);

    private void Export()
    {
        var snapshot = latest;
        var now = time.GetUtcNow();
        Export(Reconcile, now - snapshot.Watermark);
        Export(Webhook, now - snapshot.LastAppliedWebhook);
    }

    // An unknown lag is left out rather than shown as 0, which would read as "fully caught up".
    private void Export(string source, TimeSpan? behind)
    {
        if (behind is { } seconds)
        {
            lag.WithLabels(source).Set(seconds.TotalSeconds);
        }
        else
        {
            lag.RemoveLabelled(source);
        }
    }

    private sealed record Snapshot(DateTimeOffset? Watermark, DateTimeOffset? LastAppliedWebhook);
}
