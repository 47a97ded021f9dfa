using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// Ticketscloud in the one daily sales table (docs/sales-rules.md, "Ticketscloud"): the worked example, and an
/// approved refund made in the emulator reaching the table through an incremental run.
/// </summary>
public sealed class TicketscloudSalesTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Fact]
    public async Task Worked_example_paid_then_one_ticket_refunded_and_a_paid_order_cancelled_without_refund()
    {
        var paidAt = new DateTimeOffset(2026, 11, 20, 13, 0, 0, Moscow);
        var ev = "6a71376a0c475f683b10aa01";
        var x = Order("6b0f614aca11fd0990d1aa01", ev, "done", paidAt, paidAt.AddHours(1));
        var f = Order("6b0f614aca11fd0990d1aa02", ev, "cancelled", paidAt, paidAt.AddHours(1));
        var unpaid = Order("6b0f614aca11fd0990d1aa03", ev, "expired", null, paidAt.AddHours(1));
        var approvedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, Moscow);
        var refund = new TicketscloudRefundRequest
        {
            Id = "6b0f614aca11fd0990d1ab01",
            OrderId = x.Id,
            EventId = ev,
            Status = "approved",
            TicketIds = [x.Tickets[0].Id],
            Amount = 1046.12m,
            CreatedAt = approvedAt.AddDays(-1),
            UpdatedAt = approvedAt,
            ObservedAt = approvedAt.AddMinutes(5),
            Raw = "{}",
        };
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            var upserter = factory.GetRequiredService<TicketscloudUpserter>();
            // The refund request is mirrored before its order: the link holds either way.
            await upserter.UpsertRefundRequestsAsync(connection, null, factory.AccountId, [refund], new ChangeOrigin(ChangeSources.Incremental, null), default);
            await upserter.UpsertOrdersAsync(connection, null, factory.AccountId, [x, f, unpaid], new ChangeOrigin(ChangeSources.Incremental, null), default);
        }
        await SalesTable.FoldAsync(factory);

        var key = await SalesKeyAsync(ev);
        var rows = (await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud)).Where(r => r.EventId == key).ToList();
        Assert.Equal(
        [
            new DailySales(new DateOnly(2026, 11, 20), key, 0, 1, 2, 2092.24m, 2000.00m, 92.24m, 0, 0m),
            new DailySales(new DateOnly(2026, 11, 23), key, 0, 0, 0, 0m, 0m, 0m, 1, 1046.12m),
        ], rows);
        Assert.Equal(rows, (await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow", SalesSource.Ticketscloud)).Where(r => r.EventId == key));
        // QTickets' rows are untouched by Ticketscloud's.
        Assert.Empty(await SalesTable.TableAsync(factory.ConnectionString));

        using var api = factory.CreateClient(SyncApiFactory.ReadKey);
        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales/daily?platform=ticketscloud&event_id={key}");
        Assert.Equal("ticketscloud", report.GetProperty("platform").GetString());
        var totals = report.GetProperty("totals");
        Assert.Equal((2092.24m, 1046.12m, 1046.12m),
            (totals.GetProperty("gross").GetDecimal(), totals.GetProperty("refunds").GetDecimal(), totals.GetProperty("net").GetDecimal()));
        var qtickets = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales/daily?platform=qtickets&event_id={key}");
        Assert.Equal(0, qtickets.GetProperty("rows").GetArrayLength());
        // Without a platform the report holds both, each row naming its own.
        var both = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales/daily?event_id={key}");
        Assert.Equal(JsonValueKind.Null, both.GetProperty("platform").ValueKind);
        Assert.All(both.GetProperty("rows").EnumerateArray(), r => Assert.Equal("ticketscloud", r.GetProperty("platform").GetString()));
        Assert.Equal(2092.24m, both.GetProperty("totals").GetProperty("gross").GetDecimal());
    }

    [Fact]
    public async Task An_approved_refund_in_ticketscloud_reaches_daily_sales_with_the_next_incremental_run()
    {
        await factory.RunAsync(SyncRunKinds.Backfill, DateTimeOffset.UtcNow.AddDays(-40));
        await SalesTable.FoldAsync(factory);
        var organizer = factory.Emulator.Organizer;
        var order = factory.Emulator.Store.Read(() => organizer.Orders.Last(o => o.Status == "done"
            && o.CreatedAt < DateTimeOffset.UtcNow.AddDays(-3) && organizer.RefundRequests.All(r => r.Order != o.Id)));
        var before = await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud);

        var request = factory.Emulator.Store.RequestRefund(organizer, order.Id, [order.Tickets[0].Id]);
        factory.Emulator.Store.ResolveRefund(organizer, request.Id, "approved");
        await factory.RunAsync(SyncRunKinds.Incremental);
        await SalesTable.FoldAsync(factory);

        var after = await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud);
        var key = await SalesKeyAsync(order.Event);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.UpdatedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime);
        DailySales Row(List<DailySales> rows) => rows.SingleOrDefault(r => r.EventId == key && r.Day == day)
            ?? new DailySales(day, key, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(Row(before).RefundedTickets + 1, Row(after).RefundedTickets);
        Assert.Equal(Row(before).Refunds + order.Tickets[0].Full, Row(after).Refunds);
        // Everything else stays as it was, and the table still equals the recompute.
        Assert.Equal(before.Sum(r => r.Gross), after.Sum(r => r.Gross));
        Assert.Equal(after, await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow", SalesSource.Ticketscloud));
    }

    [Fact]
    public async Task A_new_time_zone_rebuilds_ticketscloud_rows_event_by_event_and_the_drift_check_repairs_them_in_chunks()
    {
        // 22:30 in Moscow is 00:30 the next day in Yekaterinburg.
        var paidAt = new DateTimeOffset(2026, 10, 5, 22, 30, 0, Moscow);
        var ev = "6a71376a0c475f683b10aa02";
        var order = Order("6b0f614aca11fd0990d1ac01", ev, "done", paidAt, paidAt.AddHours(1));
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await factory.GetRequiredService<TicketscloudUpserter>().UpsertOrdersAsync(
                connection, null, factory.AccountId, [order], new ChangeOrigin(ChangeSources.Incremental, null), default);
        }
        await SalesTable.FoldAsync(factory);
        var key = await SalesKeyAsync(ev);
        var dataSource = factory.GetRequiredService<NpgsqlDataSource>();
        var jobs = factory.GetRequiredService<SalesJobs>();
        try
        {
            Assert.True(await DailySalesRebuild.RequestAsync(dataSource, "Asia/Yekaterinburg", CancellationToken.None));
            Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RebuildAsync(null, null, CancellationToken.None));

            var rebuilt = await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud);
            Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Asia/Yekaterinburg", SalesSource.Ticketscloud), rebuilt);
            Assert.Equal(new DateOnly(2026, 10, 6), rebuilt.Single(r => r.EventId == key).Day);

            await TestSql.ExecuteAsync(factory.ConnectionString,
                $"UPDATE daily_sales SET refunds = refunds + 5 WHERE source = 'ticketscloud' AND event_id = {key}");
            Assert.Equal(SyncRunStatuses.Succeeded, await jobs.DriftAsync(null, null, CancellationToken.None));
            Assert.Equal(rebuilt, await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud));
        }
        finally
        {
            await DailySalesRebuild.RequestAsync(dataSource, "Europe/Moscow", CancellationToken.None);
            await jobs.RebuildAsync(null, null, CancellationToken.None);
        }
        Assert.Equal(await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow", SalesSource.Ticketscloud),
            await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud));
    }

    private async Task<long> SalesKeyAsync(string eventId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<TicketscloudEventRow>().Where(e => e.AccountId == factory.AccountId && e.Id == eventId).Select(e => e.SalesKey).SingleAsync();
    }

    private static TicketscloudOrder Order(string id, string eventId, string status, DateTimeOffset? doneAt, DateTimeOffset observedAt)
    {
        var ticket = new TicketscloudValues(1000.00m, 46.12m, 1046.12m, 0m, 1000.00m);
        return new TicketscloudOrder
        {
            Id = id,
            EventId = eventId,
            Status = status,
            CreatedAt = (doneAt ?? observedAt).AddMinutes(-2),
            DoneAt = doneAt,
            Values = new TicketscloudValues(2000.00m, 92.24m, 2092.24m, 0m, 2000.00m),
            TimeZone = "Europe/Moscow",
            Tickets =
            [
                new TicketscloudTicket(id[..22] + "c1", 1, "111" + id[^2..], "AAA", null, "sold", ticket, "{}"),
                new TicketscloudTicket(id[..22] + "c2", 2, "222" + id[^2..], "AAB", null, "sold", ticket, "{}"),
            ],
            ObservedAt = observedAt,
            Raw = $$"""{"id":"{{id}}","status":"{{status}}"}""",
        };
    }
}
