using System.Diagnostics.Metrics;

namespace Qtickets.Sync.Api.Health;

/// <summary>
/// <c>qtickets_sync_lag_seconds</c> on meter <c>Qtickets.Sync</c>: seconds since the reconcile watermark
/// (<c>source=reconcile</c>) and since the last applied webhook (<c>source=webhook</c>). Scrapes read the values
/// <see cref="SyncLagMonitor"/> caches, so a scrape never queries the database.
/// </summary>
public sealed class SyncLagGauge
{
    public const string MeterName = "Qtickets.Sync";
    // prometheus-net prefixes the meter name, so Prometheus sees qtickets_sync_lag_seconds.
    public const string InstrumentName = "lag_seconds";

    private readonly TimeProvider time;
    private volatile Snapshot latest = new(null, null);
    private volatile WebhookFailureCounts failures = new(0, 0, 0, null);

    public SyncLagGauge(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.time = time;
        meters.Create(MeterName).CreateObservableGauge(
            InstrumentName, Observe, description: "Seconds the mirror trails QTickets, by source (reconcile watermark, last applied webhook).");
        // Prometheus sees qtickets_sync_webhook_deliveries_unapplied{status="failed|dead|quarantined"}.
        meters.Create(MeterName).CreateObservableGauge(
            "webhook_deliveries_unapplied", ObserveFailures, description: "Webhook deliveries that failed, were discarded (dead) or are quarantined.");
    }

    public void Update(WebhookFailureCounts counts) => failures = counts;

    private IEnumerable<Measurement<long>> ObserveFailures()
    {
        var counts = failures;
        yield return new(counts.Failed, new KeyValuePair<string, object?>("status", "failed"));
        yield return new(counts.Dead, new KeyValuePair<string, object?>("status", "dead"));
        yield return new(counts.Quarantined, new KeyValuePair<string, object?>("status", "quarantined"));
    }

    public void Update(DateTimeOffset? watermark, DateTimeOffset? lastAppliedWebhook) => latest = new(watermark, lastAppliedWebhook);

    private IEnumerable<Measurement<double>> Observe()
    {
        var snapshot = latest;
        var now = time.GetUtcNow();
        if (snapshot.Watermark is { } watermark)
        {
            yield return new((now - watermark).TotalSeconds, new KeyValuePair<string, object?>("source", "reconcile"));
        }
        if (snapshot.LastAppliedWebhook is { } applied)
        {
            yield return new((now - applied).TotalSeconds, new KeyValuePair<string, object?>("source", "webhook"));
        }
    }

    private sealed record Snapshot(DateTimeOffset? Watermark, DateTimeOffset? LastAppliedWebhook);
}
