using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>Two instances sharing one database share one QTickets rate.</summary>
public sealed class SharedRateGateTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    [Fact]
    public async Task Requests_of_two_instances_together_get_slots_no_closer_than_the_rate_allows()
    {
        await using var first = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var second = NpgsqlDataSource.Create(factory.ConnectionString);
        var instances = new[]
        {
            new SharedRateGate(first, TimeProvider.System, NullLogger<SharedRateGate>.Instance),
            new SharedRateGate(second, TimeProvider.System, NullLogger<SharedRateGate>.Instance),
        };

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => instances[i % 2].ClaimAsync(Account.DefaultId, 5, CancellationToken.None)));

        var slots = claims.Select(c => c.Slot).Order().ToList();
        Assert.Equal(20, slots.Distinct().Count());
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(200),
            $"slots {pair.First:O} and {pair.Second:O} are closer than 1/5 s"));
        // Twenty requests at 5/s: the last may go no earlier than 3.8 s after the first.
        Assert.True(slots[^1] - slots[0] >= TimeSpan.FromSeconds(3.8));
    }
}
