using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using Xunit.Abstractions;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>The emulator's main organizer with 600 orders created over the last 400 days.</summary>
public sealed class LongHistoryEmulatorHost : TicketscloudEmulatorHost
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Ticketscloud:HorizonDays"] = "400";
            return settings;
        }
    }
}

public sealed class LongHistoryFactory : TicketscloudFactory
{
    protected override TicketscloudEmulatorHost CreateEmulator() => new LongHistoryEmulatorHost();
}

/// <summary>
/// A new Ticketscloud account's first sync: the first incremental run the schedule starts mirrors all 400 days
/// of history (not only <c>Ticketscloud:RecentDays</c>), one request a page, and later runs walk the recent days.
/// </summary>
public sealed class TicketscloudFirstSyncTests(LongHistoryFactory factory, ITestOutputHelper output) : IClassFixture<LongHistoryFactory>
{
    [Fact]
    public async Task The_first_scheduled_run_mirrors_every_order_and_refund_request_of_four_hundred_days()
    {
        var organizer = factory.Emulator.Organizer;
        var (orders, refunds, oldest) = factory.Emulator.Store.Read(() =>
            (organizer.Orders.Select(o => o.Id).ToHashSet(), organizer.RefundRequests.Select(r => r.Id).ToHashSet(), organizer.Orders.Min(o => o.CreatedAt)));
        Assert.True(oldest < DateTimeOffset.UtcNow.AddDays(-390), $"the history starts at {oldest:O}");
        // The factory asks for 50 rows a page.
        var pages = (orders.Count + 49) / 50 + Math.Max(1, (refunds.Count + 49) / 50);
        factory.Emulator.Calls.Clear();
        var jobs = factory.GetRequiredService<ReconcileJobs>();

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync(TicketscloudFactory.AccountName, SyncRunKinds.Incremental, null, null, CancellationToken.None));

        var requests = factory.Emulator.Calls.Calls.Count;
        output.WriteLine($"{orders.Count} orders, {refunds.Count} refund requests, {pages} pages, {requests} requests");
        Assert.InRange(requests, pages, (int)(pages * 1.05));
        await using (var db = factory.CreateDbContext())
        {
            var mirrored = await db.Set<TicketscloudOrderRow>().Where(o => o.AccountId == factory.AccountId).Select(o => o.Id).ToListAsync();
            Assert.Equal(orders.Order(StringComparer.Ordinal), mirrored.Order(StringComparer.Ordinal));
            var mirroredRefunds = await db.Set<TicketscloudRefundRequestRow>().Where(r => r.AccountId == factory.AccountId).Select(r => r.Id).ToListAsync();
            Assert.Equal(refunds.Order(StringComparer.Ordinal), mirroredRefunds.Order(StringComparer.Ordinal));
        }

        // Incremental runs take over: the next one walks the recent days only.
        factory.Emulator.Calls.Clear();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync(TicketscloudFactory.AccountName, SyncRunKinds.Incremental, null, null, CancellationToken.None));
        Assert.InRange(factory.Emulator.Calls.Calls.Count, 2, 3);
    }
}
