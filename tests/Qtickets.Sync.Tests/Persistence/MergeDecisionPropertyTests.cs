using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Persistence;

/// <summary>
/// Issue 25 item 3: <see cref="OrderVersion"/> and <see cref="FutureStamp"/> are the merge decision, and the upsert
/// statement makes the same one. For 2,000 random sequences of versions of one order (stamps within a few seconds
/// of each other, so ties and same-second changes are common; refunds and a delete move progress on; the very same
/// payload comes again; some stamped past the horizon the writer passes) the outcome the SQL reports for every
/// input row (applied, stale, duplicate, quarantined), and the row it leaves, are what the domain rules say. The cases
/// run side by side: each round writes one batch holding the next arrivals of every case (one or two versions of
/// each order), so the test costs a handful of statements, not thousands.
/// </summary>
public sealed class MergeDecisionPropertyTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private const int Cases = 2_000;
    private const long FirstId = 9_000_000;
    private static readonly DateTimeOffset Base = new(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(3));

    /// <summary>The skew allowed in this test: of the stamps <see cref="Base"/> + 0…4 s, the last is too far ahead.</summary>
    private static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(3.5);

    [Fact]
    public async Task The_upsert_and_the_domain_rule_agree_on_random_sequences_of_versions()
    {
        var random = new Random(25);
        var cases = Enumerable.Range(0, Cases).Select(c => Arrivals(FirstId + c, random)).ToList();
        var expected = new Order?[Cases];
        var disagreements = new List<string>();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var upserter = factory.GetRequiredService<OrderUpserter>();

        for (var round = 0; cases.Any(c => c.Count > round); round++)
        {
            var batch = new List<Order>();
            var expectations = new List<(int Case, Order Row, Order? Winner, bool Written)>();
            for (var c = 0; c < Cases; c++)
            {
                if (cases[c].Count <= round)
                {
                    continue;
                }
                var group = cases[c][round];
                // A row stamped too far ahead is not believed, so it does not compete; the rule keeps one of the others.
                var believed = Enumerable.Range(0, group.Count).Where(i => !FutureStamp.IsTooFarAhead(group[i].SourceUpdatedAt, Base, MaxSkew)).ToList();
                var winner = believed.Count == 0 ? -1 : believed.Aggregate((kept, next) => NewestPayload.Overtakes(group[next], group[kept]) ? next : kept);
                batch.AddRange(group);
                expectations.AddRange(group.Select((row, i) => (c, row, believed.Contains(i) ? group[winner] : null, i == winner)));
            }

            var result = await upserter.UpsertAsync(
                connection, null, Account.DefaultId, batch, OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null),
                FutureStamp.Horizon(Base, MaxSkew), CancellationToken.None);

            Assert.Equal(batch.Count, result.Orders.Count);
            for (var k = 0; k < batch.Count; k++)
            {
                var (c, row, winner, written) = expectations[k];
                // The payload the rule keeps meets the stored row; every other believed copy was overtaken by it, or is the same payload.
                var rule = winner is null ? UpsertOutcome.Quarantined
                    : written ? Decide(winner, expected[c])
                    : row.Raw == winner.Raw ? UpsertOutcome.Duplicate : UpsertOutcome.Stale;
                if (result.Orders[k].OrderId != row.Id || result.Orders[k].Outcome != rule)
                {
                    disagreements.Add($"order {row.Id}, round {round}, row {k}: SQL {result.Orders[k].Outcome} for {result.Orders[k].OrderId}, rule {rule} ({Describe(row)}, kept {Describe(winner)}, onto {Describe(expected[c])})");
                }
                if (written && rule is UpsertOutcome.Inserted or UpsertOutcome.Updated)
                {
                    expected[c] = winner!;
                }
            }
        }

        var stored = await StoredAsync(connection);
        for (var c = 0; c < Cases; c++)
        {
            // An order whose every version was quarantined is not in the mirror at all.
            var want = expected[c] is { } kept ? (kept.SourceUpdatedAt, kept.SourceProgress, Tag(kept)) : ((DateTimeOffset, int, string)?)null;
            var found = stored.TryGetValue(FirstId + c, out var row) ? row : ((DateTimeOffset, int, string)?)null;
            if (found != want)
            {
                disagreements.Add($"order {FirstId + c}: stored {found?.ToString() ?? "nothing"}, rule {Describe(expected[c])}");
            }
        }
        Assert.Contains(cases, c => c.Any(g => g.Any(o => FutureStamp.IsTooFarAhead(o.SourceUpdatedAt, Base, MaxSkew))));
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n{string.Join('\n', disagreements.Take(20))}");
    }

    /// <summary>The domain rule on its own: what a payload does to the row stored at <paramref name="stored"/>.</summary>
    private static UpsertOutcome Decide(Order incoming, Order? stored) =>
        stored is null ? UpsertOutcome.Inserted
        : !incoming.Version.Supersedes(stored.Version) ? UpsertOutcome.Stale
        : incoming.Raw == stored.Raw ? UpsertOutcome.Duplicate
        : UpsertOutcome.Updated;

    /// <summary>
    /// One order's life as it arrives: versions drawn from a small space (a stamp within three seconds, how many
    /// of three tickets are refunded, deleted or not, one of two payloads for the very same state), shuffled by
    /// the network, grouped one or two to a batch.
    /// </summary>
    private static List<List<Order>> Arrivals(long id, Random random)
    {
        var versions = Enumerable.Range(0, random.Next(2, 7))
            .Select(_ => Version(id, random.Next(5), random.Next(4), random.Next(5) == 0, random.Next(2)))
            .ToList();
        if (random.Next(3) == 0)
        {
            // The very same payload again, as a repeated webhook or a page listing the order twice brings it.
            versions.Insert(random.Next(versions.Count + 1), versions[random.Next(versions.Count)]);
        }
        var groups = new List<List<Order>>();
        for (var i = 0; i < versions.Count; i += groups[^1].Count)
        {
            groups.Add([.. versions.Skip(i).Take(random.Next(4) == 0 ? 2 : 1)]);
        }
        return groups;
    }

    private static Order Version(long id, int second, int refunded, bool deleted, int variant)
    {
        var order = SampleOrders.Order4360();
        order.Id = id;
        order.UpdatedAt = Base.AddSeconds(second);
        order.DeletedAt = deleted ? order.UpdatedAt : null;
        for (var b = 0; b < order.Baskets.Count; b++)
        {
            var basket = order.Baskets[b];
            basket.Id = id * 10 + b;
            basket.OrderId = id;
            basket.RefundedAt = b < refunded ? order.UpdatedAt : null;
            basket.RefundedAmount = b < refunded ? basket.Price : null;
        }
        order.SourceUpdatedAt = order.UpdatedAt;
        order.SourceProgress = OrderProgress.Of(order);
        order.Raw = $$"""{"id":{{id}},"tag":"{{second}}-{{refunded}}-{{deleted}}-{{variant}}"}""";
        return order;
    }

    private static string Tag(Order order) => order.Raw[(order.Raw.IndexOf("\"tag\":\"", StringComparison.Ordinal) + 7)..^2];

    private static string Describe(Order? order) => order is null ? "nothing" : $"({order.SourceUpdatedAt:O}, {order.SourceProgress}, {Tag(order)})";

    private static async Task<Dictionary<long, (DateTimeOffset, int, string)>> StoredAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, source_updated_at, source_progress, raw->>'tag' FROM qtickets_orders WHERE id >= @first AND id < @last", connection);
        command.Parameters.AddWithValue("first", FirstId);
        command.Parameters.AddWithValue("last", FirstId + Cases);
        var stored = new Dictionary<long, (DateTimeOffset, int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored[reader.GetInt64(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetString(3));
        }
        return stored;
    }
}
