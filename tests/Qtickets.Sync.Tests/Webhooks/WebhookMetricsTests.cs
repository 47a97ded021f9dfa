using System.Net;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookMetricsTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task Deliveries_are_counted_by_event_type_and_outcome_on_the_metrics_page()
    {
        using var client = factory.CreateClient(WebhookApiFactory.AdminKey);
        var order = OrderPayload.New();
        using (var accepted = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Refunded))
        using (var refused = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Refunded, secret: "wrong"))
        using (var invented = await factory.PostWebhookAsync(order.ToString(), "made-up-event-type"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, invented.StatusCode);
        }
        await factory.ApplyAsync();

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var counted = metrics.Split('\n').Where(l => l.StartsWith("qtickets_sync_webhook_deliveries_total{", StringComparison.Ordinal)).ToList();
        Assert.Contains(counted, l => l.Contains("event_type=\"refunded\"", StringComparison.Ordinal) && l.Contains("outcome=\"accepted\"", StringComparison.Ordinal));
        Assert.Contains(counted, l => l.Contains("event_type=\"refunded\"", StringComparison.Ordinal) && l.Contains("outcome=\"rejected_signature\"", StringComparison.Ordinal));
        // Labels are a closed set: an event type a sender made up is counted as "other", never as itself.
        Assert.Contains(counted, l => l.Contains("event_type=\"other\"", StringComparison.Ordinal) && l.Contains("outcome=\"flagged\"", StringComparison.Ordinal));
        Assert.DoesNotContain("made-up-event-type", metrics, StringComparison.Ordinal);
        Assert.Contains("qtickets_sync_webhook_deliveries_unapplied", metrics, StringComparison.Ordinal);
        Assert.Contains("qtickets_sync_webhook_apply_latency_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("qtickets_sync_webhook_accept_latency_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_applied_delivery_is_counted_in_the_apply_lag_histogram_from_its_receipt_to_the_commit()
    {
        using var client = factory.CreateClient(WebhookApiFactory.AdminKey);
        var before = await MetricsScrape.ReadAsync(client);
        var posted = DateTimeOffset.UtcNow;
        using (var accepted = await factory.PostWebhookAsync(OrderPayload.New().ToString(), WebhookEventTypes.Updated))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        Assert.Equal(1, await factory.ApplyAsync());
        var since = DateTimeOffset.UtcNow - posted;

        var after = await MetricsScrape.ReadAsync(client);

        const string lag = "qtickets_sync_webhook_apply_lag_seconds";
        Assert.Equal(before.Value($"{lag}_count") + 1, after.Value($"{lag}_count"));
        // From the receipt to the commit: some time, and no more than passed since the request was sent.
        var observed = after.Value($"{lag}_sum") - before.Value($"{lag}_sum");
        Assert.InRange(observed, double.Epsilon, since.TotalSeconds);
        Assert.Equal(before.Value($"{lag}_bucket", ("le", "+Inf")) + 1, after.Value($"{lag}_bucket", ("le", "+Inf")));
    }
}
