using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Tests.Domain;

/// <summary>
/// The merge rule as a property: whatever order the versions of one order arrive in, keeping an arrival only
/// when it supersedes what is held ends with the greatest version. Seeded, so a failure names its case.
/// </summary>
public class OrderVersionPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void Any_arrival_order_ends_with_the_greatest_version()
    {
        for (var seed = 0; seed < 2_000; seed++)
        {
            var random = new Random(seed);
            var versions = History(random);
            var arrivals = versions.Concat(versions.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();

            var held = arrivals[0];
            foreach (var incoming in arrivals.Skip(1))
            {
                if (incoming.Supersedes(held))
                {
                    held = incoming;
                }
            }

            Assert.True(held == versions[^1], $"seed {seed}: held {held}, newest {versions[^1]}");
        }
    }

    /// <summary>A life of one order: time only moves on, and within one second progress only grows.</summary>
    private static List<OrderVersion> History(Random random)
    {
        var versions = new List<OrderVersion> { new(Start, random.Next(3)) };
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            var last = versions[^1];
            versions.Add(random.Next(3) == 0
                ? last with { Progress = last.Progress + random.Next(1, 3) }
                : new OrderVersion(last.UpdatedAt.AddSeconds(random.Next(1, 5000)), random.Next(6)));
        }
        return versions;
    }
}
