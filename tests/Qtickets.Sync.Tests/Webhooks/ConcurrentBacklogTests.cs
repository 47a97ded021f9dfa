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
        await factory.PostAllAsync(versions.Select(v => v.Order.Then($"2019-07-30T12:5{v.Version}:00+03:00", o => o["price"] = 1000 + v.Version).ToString()));

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

    [Fact]
    public async Task A_poison_delivery_in_each_of_several_concurrent_batches_fails_alone_and_every_other_is_applied()
    {
        var genuine = Enumerable.Range(0, 60).Select(_ => OrderPayload.New()).ToList();
        // PostgreSQL text holds no NUL: the server refuses each of these inside a batch it shares with genuine ones.
        var poisons = Enumerable.Range(0, 3).Select(_ => OrderPayload.New()).ToList();
        var bodies = genuine.Select(o => o.ToString()).ToList();
        for (var i = 0; i < poisons.Count; i++)
        {
            bodies.Insert(15 + i * 20, poisons[i].Then("2019-07-30T12:50:52+03:00", o => o["client"]!["details"]!["name"] = "Ivan\u0000").ToString());
        }
        await factory.PostAllAsync(bodies);

        await factory.ApplyAsync();

        await factory.AssertPoisonFailedAloneAsync(genuine, poisons);
        foreach (var poison in poisons)
        {
            Assert.Null(await factory.StoredOrderAsync(poison.Id));
        }
    }
}
