using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Qtickets;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>An order the full sweep fetches back (<c>GET /orders/{id}</c>) that cannot be read is set aside; the sweep goes on.</summary>
public sealed class UnreadableFetchTests(RealClientFactory factory) : IClassFixture<RealClientFactory>
{
    [Fact]
    public async Task An_unreadable_fetched_order_is_set_aside_and_the_full_sweep_checks_the_next_one()
    {
        const long unreadable = 8_200_001;
        const long cancelled = 8_200_002;
        var updatedAt = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        var jobs = factory.GetRequiredService<ReconcileJobs>();
        factory.Network.ThenOk(QticketsJson.Page(
            [QticketsJson.Order(unreadable, updatedAt: updatedAt), QticketsJson.Order(cancelled, updatedAt: updatedAt)],
            QticketsJson.Paging(50, 1, 2)));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        // The sweep's paid listing no longer shows either order, so it asks about each: the first answer cannot
        // be read (a wrong type in a required field), the second says the order was cancelled.
        var later = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        factory.Network
            .ThenOk(QticketsJson.Page([], QticketsJson.Paging(50, 1, 0)))
            .ThenOk($$"""{"data":{{QticketsJson.Order(unreadable, updatedAt: later).Replace("\"event_id\":33", "\"event_id\":[33]", StringComparison.Ordinal)}}}""")
            .ThenOk($$"""{"data":{{QticketsJson.Order(cancelled, payed: false, updatedAt: later)}}}""");

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.FullSweep, null, null, CancellationToken.None));

        await using var db = factory.CreateDbContext();
        var setAside = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EventType == SetAsideOrders.EventType);
        Assert.Equal((unreadable, DeliveryStatuses.Failed), (setAside.OrderId!.Value, setAside.Status));
        Assert.Contains("event_id", setAside.Reason, StringComparison.Ordinal);
        var orders = await db.Orders.AsNoTracking().Where(o => o.Id == unreadable || o.Id == cancelled).ToDictionaryAsync(o => o.Id);
        Assert.False(orders[cancelled].Payed);
        Assert.True(orders[unreadable].Payed);
        Assert.Null(orders[unreadable].UpstreamMissingAt);
    }
}
