using System.Globalization;
using Npgsql;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Ticketscloud;

namespace Qtickets.Sync.Tests.Changes;

/// <summary>Both platforms, baseline batches of two orders.</summary>
public sealed class ChangeBaselineFactory : TicketscloudFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Changes:BaselineBatch"] = "2",
    };
}

/// <summary>
/// Issue 27's rebuild: orders mirrored before history started get exactly one baseline entry each, a batch per
/// transaction, and a pass that was interrupted is finished by the next without writing anything twice.
/// </summary>
public class ChangeBaselineTests(ChangeBaselineFactory factory) : IClassFixture<ChangeBaselineFactory>
{
    private const int PerPlatform = 5;

    [Fact]
    public async Task Orders_without_history_of_both_platforms_get_one_baseline_entry_each_even_when_a_pass_is_interrupted()
    {
        var qtickets = Enumerable.Range(0, PerPlatform).Select(_ => ChangeTestOrders.New()).ToList();
        var ticketscloud = Enumerable.Range(1, PerPlatform)
            .Select(i => SampleTicketscloudOrders.Order($"6b0f614aca11fd0990d27a{i:x2}", "6a71376a0c475f683b26aa01", "done", new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero)))
            .ToList();
        // Written after history started: it has its own entry and must get no baseline.
        var withHistory = ChangeTestOrders.New();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var origin = new ChangeOrigin(ChangeSources.Incremental, "1");
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(
            connection, null, Account.DefaultId, qtickets, OrderSources.Reconcile, origin, CancellationToken.None);
        await factory.GetRequiredService<TicketscloudUpserter>().UpsertOrdersAsync(
            connection, null, factory.AccountId, ticketscloud, origin, CancellationToken.None);
        // The mirror as it was before history started: orders, no entries.
        await ExecuteAsync(connection, "DELETE FROM order_changes");
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(
            connection, null, Account.DefaultId, [withHistory], OrderSources.Reconcile, origin, CancellationToken.None);
        var baseline = factory.GetRequiredService<ChangeBaseline>();

        // The third QTickets order is locked by a writer, so the pass stops at its second batch; it is cancelled there.
        var blocked = qtickets.Select(o => o.Id).Order().ElementAt(2);
        await using (var writer = new NpgsqlConnection(factory.ConnectionString))
        {
            await writer.OpenAsync();
            await using var hold = await writer.BeginTransactionAsync();
            await ExecuteAsync(writer, $"SELECT 1 FROM qtickets_orders WHERE id = {blocked} FOR UPDATE", hold);
            using var stop = new CancellationTokenSource();
            var pass = baseline.RunAsync(stop.Token);
            await WaitForAsync(async () => await CountAsync(connection, AccountPlatforms.Qtickets) == 2 || pass.IsCompleted);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
            await hold.RollbackAsync();
        }
        Assert.Equal(2, await CountAsync(connection, AccountPlatforms.Qtickets));
        Assert.False(await DoneAsync(connection, Account.DefaultId));
        var before = (await EntriesAsync(connection)).Count;

        var resumed = await baseline.RunAsync(CancellationToken.None);

        var written = await EntriesAsync(connection);
        Assert.Equal(
            qtickets.Select(o => ($"{o.Id}", 1)).Concat(ticketscloud.Select(o => (o.Id, 1))).Order(),
            written.GroupBy(e => e).Select(g => (g.Key, g.Count())).Order());
        Assert.Equal(2 * PerPlatform - before, resumed);
        Assert.True(await DoneAsync(connection, Account.DefaultId) && await DoneAsync(connection, factory.AccountId));
        var reader = factory.GetRequiredService<ChangeReader>();
        var entry = Assert.Single((await reader.HistoryAsync(factory.AccountId, ticketscloud[0].Id, pii: false, CancellationToken.None))!.Items);
        Assert.Equal(
            (OrderChangeTypes.Created, ChangeSources.Baseline, (string?)null, ticketscloud[0].ObservedAt, "paid"),
            (entry.Type, entry.Source, entry.SourceId, entry.VersionAt, entry.Order?.Status));
        var withHistoryEntries = await reader.HistoryAsync(Account.DefaultId, withHistory.Id.ToString(CultureInfo.InvariantCulture), pii: false, CancellationToken.None);
        Assert.Equal([ChangeSources.Incremental], withHistoryEntries!.Items.Select(e => e.Source));

        // Every account is marked done: later passes (each start queues one) find nothing, even for orders whose
        // entries retention deletes some day.
        await ExecuteAsync(connection, "DELETE FROM order_changes WHERE source = 'baseline'");
        Assert.Equal(0, await baseline.RunAsync(CancellationToken.None));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string platform)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM order_changes WHERE source = '{ChangeSources.Baseline}' AND platform = '{platform}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> DoneAsync(NpgsqlConnection connection, int accountId)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM sync_state WHERE key = '{ChangeBaseline.StateKey}' AND account_id = {accountId}", connection);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private static async Task<List<string>> EntriesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT order_id FROM order_changes WHERE source = '{ChangeSources.Baseline}'", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
