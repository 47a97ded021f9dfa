using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>The host on a clock the test moves.</summary>
public sealed class FakeClockFactory : SyncApiFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 9, 1, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public class SyncStatusTests(FakeClockFactory factory) : IClassFixture<FakeClockFactory>
{
    [Fact]
    public async Task The_verdict_follows_reconciles_and_deliveries_and_readiness_degrades_when_reconcile_is_stale()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var now = factory.Clock.GetUtcNow();

        var empty = await GetJsonAsync(client, "/api/v1/sync/status");
        Assert.False(empty.GetProperty("trustworthy").GetBoolean());
        Assert.Contains("No incremental reconcile has succeeded yet.", empty.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        await using (var db = factory.CreateDbContext())
        {
            db.SyncRuns.AddRange(
                Run(SyncRunKinds.Incremental, now.AddMinutes(-6), now.AddMinutes(-5), gapsHealed: 2),
                Run(SyncRunKinds.Incremental, now.AddMinutes(-20), now.AddMinutes(-19), gapsHealed: 3),
                Run(SyncRunKinds.FullSweep, now.AddHours(-3), now.AddHours(-2), gapsHealed: 4),
                Run(SyncRunKinds.FullSweep, now.AddHours(-30), now.AddHours(-29), gapsHealed: 100));
            db.SyncStates.Add(new SyncState { Key = SyncStateKeys.OrdersWatermark, Watermark = now.AddMinutes(-7), UpdatedAt = now });
            db.WebhookDeliveries.AddRange(
                Delivery(DeliveryStatuses.Applied, now.AddMinutes(-2), processedAt: now.AddMinutes(-2).AddSeconds(1)),
                Delivery(DeliveryStatuses.Pending, now.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        var fresh = await GetJsonAsync(client, "/api/v1/sync/status");
        Assert.True(fresh.GetProperty("trustworthy").GetBoolean(), fresh.ToString());
        Assert.Empty(fresh.GetProperty("reasons").EnumerateArray());
        var reconcile = fresh.GetProperty("reconcile");
        Assert.Equal(9, reconcile.GetProperty("gapsHealedLast24Hours").GetInt64());
        Assert.Equal(420, reconcile.GetProperty("watermarkLagSeconds").GetDouble());
        Assert.Equal(now.AddMinutes(-5), reconcile.GetProperty("lastSucceeded").GetProperty(SyncRunKinds.Incremental).GetDateTimeOffset());
        Assert.Equal(now.AddHours(-2), reconcile.GetProperty("lastSucceeded").GetProperty(SyncRunKinds.FullSweep).GetDateTimeOffset());
        var webhooks = fresh.GetProperty("webhooks");
        Assert.Equal(119, webhooks.GetProperty("lagSeconds").GetDouble());
        Assert.Equal(now.AddMinutes(-1), webhooks.GetProperty("lastReceivedAt").GetDateTimeOffset());
        Assert.Equal(1, webhooks.GetProperty("pending").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal("Healthy", (await GetJsonAsync(client, "/health/ready")).GetProperty("checks").GetProperty("reconcile").GetProperty("status").GetString());

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await using (var db = factory.CreateDbContext())
        {
            db.WebhookDeliveries.Add(Delivery(DeliveryStatuses.Failed, factory.Clock.GetUtcNow().AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        var stale = await GetJsonAsync(client, "/api/v1/sync/status");
        var reasons = stale.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.False(stale.GetProperty("trustworthy").GetBoolean());
        Assert.Contains(reasons, r => r.StartsWith("The last successful incremental reconcile finished 00:36:00 ago", StringComparison.Ordinal));
        Assert.Contains("1 webhook deliveries failed to apply.", reasons);
        Assert.Contains(reasons, r => r.StartsWith("1 webhook deliveries are waiting", StringComparison.Ordinal));
        var readyResponse = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var ready = System.Text.Json.JsonDocument.Parse(await readyResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, readyResponse.StatusCode);
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("reconcile").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_sync_lag_gauge_is_scraped_from_the_cached_values()
    {
        var now = factory.Clock.GetUtcNow();
        await using (var db = factory.CreateDbContext())
        {
            var state = await db.SyncStates.FindAsync(global::Qtickets.Sync.Domain.Accounts.Account.DefaultId, SyncStateKeys.OrdersWatermark);
            if (state is null)
            {
                db.SyncStates.Add(state = new SyncState { Key = SyncStateKeys.OrdersWatermark, UpdatedAt = now });
            }
            state.Watermark = now.AddSeconds(-90);
            await db.SaveChangesAsync();
        }
        var monitor = factory.Services.GetServices<IHostedService>().OfType<SyncLagMonitor>().Single();
        await monitor.RefreshAsync(CancellationToken.None);
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith("qtickets_sync_lag_seconds{", StringComparison.Ordinal) && l.Contains("source=\"reconcile\"", StringComparison.Ordinal));
        Assert.True(line is not null, metrics);
        Assert.Equal(90, double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture), 3);
    }

    private static SyncRun Run(string kind, DateTimeOffset started, DateTimeOffset finished, int gapsHealed) => new()
    {
        Kind = kind,
        Status = SyncRunStatuses.Succeeded,
        StartedAt = started,
        FinishedAt = finished,
        GapsHealed = gapsHealed,
    };

    private static WebhookDelivery Delivery(string status, DateTimeOffset received, DateTimeOffset? processedAt = null) => new()
    {
        ReceivedAt = received,
        EventType = WebhookEventTypes.Updated,
        Body = $$"""{"id":{{NewId()}}}""",
        BodySha256 = Guid.NewGuid().ToString("N"),
        Status = status,
        ProcessedAt = processedAt,
    };
}
