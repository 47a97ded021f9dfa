using System.Globalization;
using System.Text.Json.Nodes;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// The merge rule end to end: versions of one order (some in the same second, told apart by a refund) posted
/// as webhooks in a random order, with repeats, applied in random rounds. The mirror must end with the newest.
/// </summary>
public class MergeRulePropertyTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task Versions_arriving_in_any_order_leave_the_newest_in_the_mirror()
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var random = new Random(seed);
            var order = OrderPayload.New();
            var (versions, newestTime, newestRefunds) = History(order, random);
            var arrivals = versions.Concat(versions.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();

            foreach (var body in arrivals)
            {
                (await factory.PostWebhookAsync(body, random.Next(2) == 0 ? WebhookEventTypes.Updated : WebhookEventTypes.Refunded)).Dispose();
                if (random.Next(3) == 0)
                {
                    await factory.ApplyAsync();
                }
            }
            await factory.ApplyAsync();

            var stored = await factory.StoredOrderAsync(order.Id);
            Assert.True(stored is not null, $"seed {seed}: order not stored");
            Assert.True(stored.SourceUpdatedAt == newestTime, $"seed {seed}: stored {stored.SourceUpdatedAt:O}, newest {newestTime:O}");
            Assert.True(stored.Baskets.Count(b => b.RefundedAt is not null) == newestRefunds,
                $"seed {seed}: {stored.Baskets.Count(b => b.RefundedAt is not null)} refunded, newest has {newestRefunds}");
        }
    }

    /// <summary>Bodies of one order's life: time moves on, or stays within the second while one more ticket is refunded.</summary>
    private static (List<string> Bodies, DateTimeOffset NewestTime, int NewestRefunds) History(OrderPayload order, Random random)
    {
        var time = Start.AddSeconds(random.Next(1000));
        var refunds = 0;
        var bodies = new List<string> { Version(order, time, refunds) };
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            if (refunds < order.BasketIds.Count && random.Next(2) == 0)
            {
                refunds++;
            }
            else
            {
                time = time.AddSeconds(random.Next(1, 600));
            }
            bodies.Add(Version(order, time, refunds));
        }
        return (bodies, time, refunds);
    }

    private static string Version(OrderPayload order, DateTimeOffset time, int refunds)
    {
        var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return order.Then(stamp, json =>
        {
            var baskets = json["baskets"]!.AsArray();
            for (var b = 0; b < baskets.Count; b++)
            {
                baskets[b]!["refunded_at"] = b < refunds ? JsonValue.Create(stamp) : null;
                baskets[b]!["refunded_amount"] = b < refunds ? JsonValue.Create(100) : null;
            }
        }).ToString();
    }
}
