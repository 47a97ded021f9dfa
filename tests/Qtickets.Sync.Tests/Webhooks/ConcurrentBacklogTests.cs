using System.Net;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// A backlog is worked off by several batches at once: versions of one order land in different batches that commit
/// in any order, and each order must still end at its newest version, every delivery applied once.
/// </summary>
public class ConcurrentBacklogTests(SmallBacklogWebhookFactory factory) : IClassFixture<SmallBacklogWebhookFactory>
{
    [Fact]
    public async Task Versions_of_one_order_spread_over_concurrent_batches_leave_the_newest_and_apply_every_delivery()
    {
        var orders = Enumerable.Range(0, 20).Select(_ => OrderPayload.New()).ToList();
        var versions = orders
            .SelectMany(order => Enumerable.Range(1, 6).Select(v => (Order: order, Version: v)))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        foreach (var (order, version) in versions)
        {
            var body = order.Then($"2019-07-30T12:5{version}:00+03:00", o => o["price"] = 1000 + version).ToString();
            using var response = await factory.PostWebhookAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(versions.Count, await factory.ApplyAsync());

        foreach (var order in orders)
        {
            var stored = await factory.StoredOrderAsync(order.Id);
            Assert.NotNull(stored);
            Assert.Equal(new DateTimeOffset(2019, 7, 30, 9, 56, 0, TimeSpan.Zero), stored.UpdatedAt);
            Assert.Equal(1006m, stored.Price);
            var deliveries = await factory.DeliveriesOfAsync(order.Id);
            Assert.Equal(6, deliveries.Count);
            Assert.All(deliveries, d => Assert.Equal(DeliveryStatuses.Applied, d.Status));
        }
    }

}
