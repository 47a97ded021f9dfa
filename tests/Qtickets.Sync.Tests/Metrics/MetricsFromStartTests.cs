using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Tests.Reconciliation;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Webhooks;

namespace Qtickets.Sync.Tests.Metrics;

/// <summary>Webhooks and a faked QTickets on a host whose /metrics nobody has scraped yet.</summary>
public sealed class UnscrapedServiceFactory : WebhookApiFactory
{
    protected override bool UsesFakeUpstream => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Reconcile:PageSize"] = "2",
    };
}

/// <summary>
/// What the service did before Prometheus first looked is on the first scrape: a restart followed by traffic
/// must not read as "nothing happened" (the counters count from process start, not from the first scrape).
/// One test only, so the scrape it makes is the host's first.
/// </summary>
public class MetricsFromStartTests(UnscrapedServiceFactory factory) : IClassFixture<UnscrapedServiceFactory>
{
    [Fact]
    public async Task Webhooks_and_a_run_before_the_first_scrape_are_counted_on_it()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        factory.Upstream.Put([.. Enumerable.Range(1, 3).Select(i => UpstreamOrders.Paid(now.AddMinutes(-i)))]);
        await factory.GetRequiredService<ReconcileJobs>().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            using var accepted = await factory.PostWebhookAsync(OrderPayload.New().ToString(), WebhookEventTypes.Created);
            accepted.EnsureSuccessStatusCode();
        }
        using (await factory.PostWebhookAsync(OrderPayload.New().ToString(), WebhookEventTypes.Created, secret: "wrong"))
        {
        }
        await using var db = factory.CreateDbContext();
        var run = await db.SyncRuns.AsNoTracking().SingleAsync();

        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        var scrape = await MetricsScrape.ReadAsync(client);

        Assert.Equal(4, scrape.Value("qtickets_sync_webhook_deliveries_total", ("event_type", "created"), ("outcome", "accepted")));
        Assert.Equal(1, scrape.Value("qtickets_sync_webhook_deliveries_total", ("event_type", "created"), ("outcome", "rejected_signature")));
        // The refused delivery is stored too (as a short refused row), so it is timed like the others.
        Assert.Equal(5, scrape.Value("qtickets_sync_webhook_accept_latency_seconds_count"));
        Assert.Equal(SyncRunStatuses.Succeeded, run.Status);
        Assert.Equal(1, scrape.Value("qtickets_sync_reconcile_run_duration_seconds_count", ("account", "default"), ("kind", "incremental"), ("status", "succeeded")));
        Assert.Equal(run.Pages, scrape.Value("qtickets_sync_reconcile_pages_total", ("account", "default"), ("kind", "incremental")));
        Assert.Equal(3, scrape.Value("qtickets_sync_reconcile_orders_total", ("account", "default"), ("kind", "incremental"), ("outcome", "inserted")));
        Assert.Equal(run.ListRequests, scrape.Value("qtickets_sync_reconcile_api_requests_total", ("account", "default"), ("kind", "incremental"), ("request", "list")));
    }
}
