using System.Net;
using Qtickets.Sync.Domain.Webhooks;

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
}
