using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Sales;

/// <summary>The maintained table under concurrent writers, the drift check and the time zone rebuild.</summary>
public class DailySalesTableTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset Evening = new(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Concurrent_writers_on_one_popular_event_never_deadlock_and_the_table_ends_equal_to_the_recompute()
    {
        const long popular = 900;
        var upserter = factory.GetRequiredService<OrderUpserter>();
        var writers = Enumerable.Range(0, 6).Select(async w =>
        {
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            await connection.OpenAsync();
            for (var batch = 0; batch < 15; batch++)
            {
                // Every writer's batch hits the same event and the same days, in an order of its own.
                var orders = Enumerable.Range(0, 20)
                    .Select(i => Order(popular, Evening.AddMinutes(((w * 7) + (i * 13) + batch) % 300), baskets: [Ticket(100 + i, showId: 9001 + (i % 2))]))
                    .Reverse()
                    .ToList();
                orders[0].Baskets[0].RefundedAt = Evening.AddDays(1 + (batch % 3));
                orders[0].Baskets[0].RefundedAmount = 50;
                await upserter.UpsertAsync(connection, null, Account.DefaultId, orders, OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null), CancellationToken.None);
            }
        }).ToList();
        var folder = factory.GetRequiredService<DailySalesFolder>();
        var folding = Task.Run(async () =>
        {
            while (!writers.All(t => t.IsCompleted))
            {
                await folder.FoldPendingAsync(CancellationToken.None);
            }
        });

        await Task.WhenAll(writers);
        await folding;
        await SalesTable.FoldAsync(factory);

        var table = await SalesTable.TableAsync(factory.ConnectionString);
        Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"), table);
        Assert.Equal(6 * 15 * 20, table.Where(r => r.EventId == popular).Sum(r => r.TicketsSold));
    }

    [Fact]
    public async Task The_drift_check_counts_differing_rows_in_its_run_repairs_them_and_then_finds_none()
    {
        await SaveAsync(factory,
            Order(910, Evening, baskets: [Ticket(1000, showId: 9101)]),
            Order(910, Evening.AddDays(1), baskets: [Ticket(2000, showId: 9101)]),
            Order(911, Evening, baskets: [Ticket(3000, showId: 9111)]));
        await SalesTable.FoldAsync(factory);
        await TestSql.ExecuteAsync(factory.ConnectionString, """
            UPDATE daily_sales SET gross = gross + 0.01 WHERE event_id = 910 AND day = '2025-06-01';
            DELETE FROM daily_sales WHERE event_id = 911;
            INSERT INTO daily_sales VALUES ('qtickets', '2025-06-05', 910, 9101, 1, 1, 5, 5, 0, 0, 0, 1);
            """);
        var jobs = factory.GetRequiredService<SalesJobs>();

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.DriftAsync(null, null, CancellationToken.None));
        var first = await LastDriftRunAsync();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.DriftAsync(null, null, CancellationToken.None));
        var second = await LastDriftRunAsync();

        Assert.Equal(3, first.SalesRowsDiffering);
        Assert.Equal(0, second.SalesRowsDiffering);
        Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"), await SalesTable.TableAsync(factory.ConnectionString));
    }

    [Fact]
    public async Task A_new_time_zone_rebuilds_the_table_and_a_stopped_rebuild_resumes_after_its_last_event()
    {
        await SaveAsync(factory,
            Order(920, Evening, baskets: [Ticket(1000, showId: 9201)]),
            Order(921, Evening, baskets: [Ticket(500, showId: 9211)]));
        await SalesTable.FoldAsync(factory);
        var dataSource = factory.GetRequiredService<NpgsqlDataSource>();
        try
        {
            Assert.True(await DailySalesRebuild.RequestAsync(dataSource, "Asia/Yekaterinburg", CancellationToken.None));
            // As if a first attempt stopped right after every event up to 920 (of the default account, 1): rows of those events stay as they are.
            await TestSql.ExecuteAsync(factory.ConnectionString, "UPDATE daily_sales_state SET rebuild_after_source = 'qtickets', rebuild_after_account = 1, rebuild_after_event = 920");
            using (var client = factory.CreateClient(SyncApiFactory.ReadKey))
            {
                var during = await GetJsonAsync(client, "/api/v1/sales/daily?event_id=921");
                Assert.Equal("recompute", during.GetProperty("source").GetString());
                Assert.Contains("rebuilt for Asia/Yekaterinburg", during.GetProperty("note").GetString(), StringComparison.Ordinal);
            }
            var jobs = factory.GetRequiredService<SalesJobs>();

            Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RebuildAsync(null, null, CancellationToken.None));

            var table = await SalesTable.TableAsync(factory.ConnectionString);
            var yekaterinburg = await SalesTable.RecomputeAsync(factory.ConnectionString, "Asia/Yekaterinburg");
            var moscow = await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow");
            // Both were paid 20:02 UTC: 1 June in Moscow, 2 June in Yekaterinburg.
            Assert.NotEqual(moscow.Where(r => r.EventId == 921), yekaterinburg.Where(r => r.EventId == 921));
            Assert.Equal(yekaterinburg.Where(r => r.EventId == 921), table.Where(r => r.EventId == 921));
            Assert.Equal(moscow.Where(r => r.EventId == 920), table.Where(r => r.EventId == 920));
            Assert.False(await DailySalesRebuild.RequestAsync(dataSource, "Asia/Yekaterinburg", CancellationToken.None));
        }
        finally
        {
            // Other tests of this class expect the configured zone: rebuild back.
            await DailySalesRebuild.RequestAsync(dataSource, "Europe/Moscow", CancellationToken.None);
            await factory.GetRequiredService<SalesJobs>().RebuildAsync(null, null, CancellationToken.None);
        }
        Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"), await SalesTable.TableAsync(factory.ConnectionString));
    }

    private async Task<SyncRun> LastDriftRunAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.SalesDrift).OrderByDescending(r => r.Id).FirstAsync();
    }
}
