using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Sales;

/// <summary>
/// The drift check in chunks of days (issue 30): each chunk is its own transaction holding the table's lock, and
/// the cursor between chunks survives a stop. With a chunk of one sale, every day with a sale is a chunk.
/// </summary>
public class DailySalesDriftChunkTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset July = new(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_difference_planted_in_one_days_chunk_is_found_and_repaired_and_the_rest_stays_as_it_was()
    {
        await SaveAsync(factory, [.. Enumerable.Range(0, 5).Select(d => Order(930, July.AddDays(d), baskets: [Ticket(100, showId: 9301)]))]);
        await SalesTable.FoldAsync(factory);
        await TestSql.ExecuteAsync(factory.ConnectionString,
            "UPDATE daily_sales SET tickets_sold = tickets_sold + 7 WHERE event_id = 930 AND day = '2025-07-03'");

        Assert.Equal(SyncRunStatuses.Succeeded, await JobsWithChunkOf(1).DriftAsync(null, null, CancellationToken.None));

        Assert.Equal(1, (await LastDriftRunAsync()).SalesRowsDiffering);
        Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"), await SalesTable.TableAsync(factory.ConnectionString));
        Assert.Null(await ScalarAsync("SELECT drift_source FROM daily_sales_state"));
    }

    [Fact]
    public async Task A_stopped_check_resumes_after_its_last_chunk_and_its_run_counts_the_rows_found_before_the_stop()
    {
        await SaveAsync(factory, [.. Enumerable.Range(0, 4).Select(d => Order(940, July.AddMonths(1).AddDays(d), baskets: [Ticket(100, showId: 9401)]))]);
        await SalesTable.FoldAsync(factory);
        // As if a first run had checked QTickets up to 2 August and found two rows there, then stopped.
        await TestSql.ExecuteAsync(factory.ConnectionString, """
            UPDATE daily_sales_state SET drift_source = 'qtickets', drift_after_day = '2025-08-02', drift_differing = 2, drift_started_at = now();
            UPDATE daily_sales SET gross = gross + 1 WHERE event_id = 940 AND day IN ('2025-08-01', '2025-08-03');
            """);

        Assert.Equal(SyncRunStatuses.Succeeded, await JobsWithChunkOf(1).DriftAsync(null, null, CancellationToken.None));

        Assert.Equal(3, (await LastDriftRunAsync()).SalesRowsDiffering);
        var table = await SalesTable.TableAsync(factory.ConnectionString);
        var truth = await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow");
        // 1 August was before the cursor: not checked again. 3 August was after it: repaired.
        Assert.Equal(truth.Single(r => r.EventId == 940 && r.Day == new DateOnly(2025, 8, 1)).Gross + 1,
            table.Single(r => r.EventId == 940 && r.Day == new DateOnly(2025, 8, 1)).Gross);
        Assert.Equal(truth.Single(r => r.EventId == 940 && r.Day == new DateOnly(2025, 8, 3)),
            table.Single(r => r.EventId == 940 && r.Day == new DateOnly(2025, 8, 3)));
        await TestSql.ExecuteAsync(factory.ConnectionString, "UPDATE daily_sales SET gross = gross - 1 WHERE event_id = 940 AND day = '2025-08-01'");
    }

    [Fact]
    public async Task A_fold_that_asks_for_the_lock_while_the_check_runs_gets_it_after_one_chunk_not_after_the_whole_check()
    {
        await SaveAsync(factory, [.. Enumerable.Range(0, 4).Select(d => Order(950, July.AddMonths(2).AddDays(d), baskets: [Ticket(100, showId: 9501)]))]);
        await SalesTable.FoldAsync(factory);
        await using var blocker = new NpgsqlConnection(factory.ConnectionString);
        await blocker.OpenAsync();
        var blocking = await blocker.BeginTransactionAsync();
        await DailySalesKeys.LockAsync(blocker, blocking, CancellationToken.None);

        // The check queues for the lock first, the fold (the same lock the folder takes) second.
        var check = Task.Run(() => JobsWithChunkOf(1).DriftAsync(null, null, CancellationToken.None));
        await WaitForWaitersAsync(1);
        await using var folder = new NpgsqlConnection(factory.ConnectionString);
        await folder.OpenAsync();
        await using var folding = await folder.BeginTransactionAsync();
        var fold = DailySalesKeys.LockAsync(folder, folding, CancellationToken.None);
        await WaitForWaitersAsync(2);
        await blocking.CommitAsync();

        await fold.WaitAsync(TimeSpan.FromSeconds(60));
        // The fold holds the lock: the check has done its first chunk and waits for the next.
        await WaitForWaitersAsync(1);
        Assert.False(check.IsCompleted);
        await using (var cursor = new NpgsqlCommand("SELECT drift_source, drift_after_day FROM daily_sales_state", folder, folding))
        await using (var reader = await cursor.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(SalesSource.Qtickets, reader.GetString(0));
            Assert.False(reader.IsDBNull(1));
        }
        await folding.CommitAsync();

        Assert.Equal(SyncRunStatuses.Succeeded, await check.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, (await LastDriftRunAsync()).SalesRowsDiffering);
    }

    private SalesJobs JobsWithChunkOf(int orders) => new(
        factory.GetRequiredService<SyncRunner>(),
        new DailySalesDriftCheck(factory.GetRequiredService<SalesMetrics>(), Options.Create(new SalesOptions { DriftChunkOrders = orders })),
        factory.GetRequiredService<DailySalesRebuild>());

    /// <summary>Waits until that many sessions of this database wait for an advisory lock (the table's lock is one).</summary>
    private async Task WaitForWaitersAsync(int sessions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((long)(await ScalarAsync("""
            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
            """))! != sessions)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{sessions} session(s) never waited for the lock");
            await Task.Delay(20);
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private async Task<SyncRun> LastDriftRunAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.SalesDrift).OrderByDescending(r => r.Id).FirstAsync();
    }
}
