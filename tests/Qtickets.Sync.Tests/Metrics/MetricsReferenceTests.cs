using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Metrics;

/// <summary>A service that nothing happens to: no webhook, no run, no order action; only scrapes.</summary>
public sealed class IdleServiceFactory : SyncApiFactory;

/// <summary>/metrics against docs/metrics.md, the reference operators build dashboards and alerts from.</summary>
public class MetricsReferenceTests(IdleServiceFactory factory) : IClassFixture<IdleServiceFactory>
{
    private const string OwnPrefix = "qtickets_sync_";

    private async Task<MetricsScrape> ScrapeAsync()
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        return await MetricsScrape.ReadAsync(client);
    }

    [Fact]
    public async Task Every_documented_metric_is_served_with_its_type_and_labels()
    {
        var documented = MetricsReference.Read();

        var scrape = await ScrapeAsync();

        Assert.NotEmpty(documented);
        Assert.All(documented, metric =>
        {
            Assert.True(scrape.Types.TryGetValue(metric.Name, out var type), $"{metric.Name} is in {MetricsReference.Page} but not on /metrics");
            Assert.Equal((metric.Name, metric.Type), (metric.Name, type));
            Assert.All(scrape.Family(metric.Name), sample =>
                Assert.Equal($"{metric.Name}{{{string.Join(',', metric.Labels.Order())}}}",
                    $"{metric.Name}{{{string.Join(',', sample.Labels.Keys.Where(k => k != "le").Order())}}}"));
        });
    }

    [Fact]
    public async Task Every_metric_of_ours_on_the_page_is_documented()
    {
        var documented = MetricsReference.Read().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        var scrape = await ScrapeAsync();

        var ours = scrape.Types.Keys.Where(name => name.StartsWith(OwnPrefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, name => Assert.True(documented.Contains(name), $"{name} is served but missing from {MetricsReference.Page}"));
        Assert.All(scrape.Samples.Where(s => s.Name.StartsWith(OwnPrefix, StringComparison.Ordinal)),
            sample => Assert.True(scrape.FamilyOf(sample.Name) is { } family && documented.Contains(family), $"{sample.Name} is served but not documented"));
    }

    [Fact]
    public async Task Counters_are_typed_counter_and_every_known_label_set_is_there_at_zero_before_anything_happened()
    {
        var scrape = await ScrapeAsync();

        var counters = scrape.Types.Where(t => t.Key.StartsWith(OwnPrefix, StringComparison.Ordinal) && t.Key.EndsWith("_total", StringComparison.Ordinal)).ToList();
        Assert.All(counters, c => Assert.Equal((c.Key, "counter"), (c.Key, c.Value)));
        Assert.All(counters, c => Assert.All(scrape.Family(c.Key), s => Assert.Equal(0, s.Value)));
        string[] webhookOutcomes =
            ["accepted", "duplicate", "rejected_signature", "rejected_body", "flagged", "db_unavailable", "rate_limited", "unknown_account"];
        foreach (var eventType in WebhookEventTypes.Known.Append("other"))
        {
            foreach (var outcome in webhookOutcomes)
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_webhook_deliveries_total", ("event_type", eventType), ("outcome", outcome)));
            }
        }
        foreach (var kind in SyncRunKinds.All)
        {
            Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_pages_total", ("account", "default"), ("kind", kind)));
            Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_gaps_healed_total", ("account", "default"), ("kind", kind)));
            Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_run_list_requests_count", ("account", "default"), ("kind", kind)));
            foreach (var outcome in new[] { "inserted", "updated", "unchanged", "missing" })
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_orders_total", ("account", "default"), ("kind", kind), ("outcome", outcome)));
            }
            foreach (var status in new[] { SyncRunStatuses.Succeeded, SyncRunStatuses.Failed })
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_run_duration_seconds_count", ("account", "default"), ("kind", kind), ("status", status)));
            }
            foreach (var request in new[] { "list", "get", "catalog" })
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_reconcile_api_requests_total", ("account", "default"), ("kind", kind), ("request", request)));
            }
        }
        foreach (var action in OrderActionKinds.All)
        {
            foreach (var outcome in new[] { "succeeded", "failed", "unknown", "running", "replayed", "invalid", "key_reused", "not_found" })
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_order_commands_total", ("action", action), ("outcome", outcome)));
                Assert.Equal(0, scrape.Value("qtickets_sync_order_command_duration_seconds_count", ("action", action), ("outcome", outcome)));
            }
            foreach (var answer in new[] { "applied", "refused", "busy", "lost" })
            {
                Assert.Equal(0, scrape.Value("qtickets_sync_order_command_calls_total",
                    ("platform", OrderActionKinds.PlatformOf(action)), ("action", action), ("answer", answer)));
            }
        }
        Assert.Equal(0, scrape.Value("qtickets_sync_webhook_accept_latency_seconds_count"));
        Assert.Equal(0, scrape.Value("qtickets_sync_webhook_apply_latency_seconds_count"));
        Assert.Equal(0, scrape.Value("qtickets_sync_webhook_apply_lag_seconds_count"));
        Assert.Equal(0, scrape.Value("qtickets_sync_webhook_apply_yield_seconds_total"));
        Assert.Equal(0, scrape.Value("qtickets_sync_daily_sales_keys_folded_total"));
    }

    [Fact]
    public async Task Scraped_as_openmetrics_the_way_prometheus_asks_our_counters_are_still_counters()
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        // What Prometheus 2.x sends by default.
        request.Headers.TryAddWithoutValidation("Accept",
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        // OpenMetrics names a counter family without its _total; its samples keep it.
        Assert.Contains("# TYPE qtickets_sync_webhook_deliveries counter", text, StringComparison.Ordinal);
        Assert.Contains("qtickets_sync_webhook_deliveries_total{event_type=\"created\",outcome=\"accepted\"} 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE qtickets_sync_webhook_deliveries_total gauge", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }
}
