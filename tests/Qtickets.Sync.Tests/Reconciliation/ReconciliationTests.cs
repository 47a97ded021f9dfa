using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>
/// The job classes called directly (not through a Hangfire server) against PostgreSQL, with QTickets faked.
/// Tests of this class share one database and run one after another; each starts from an empty mirror.
/// </summary>
public sealed class ReconciliationTests(ReconcileFactory factory) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    // QTickets stamps whole seconds; so do these orders.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private FakeQticketsClient Upstream => factory.Upstream;

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ReconcileJobs Jobs() => factory.Services.GetRequiredService<ReconcileJobs>();

    private async Task Mirror(params Order[] orders)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, orders.Select(UpstreamOrders.Copy).ToList(), OrderSources.Webhook, new ChangeOrigin(ChangeSources.Webhook, null), CancellationToken.None);
    }

    private async Task<List<Order>> StoredOrders()
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).OrderBy(o => o.Id).ToListAsync();
    }

    private async Task<List<SyncRun>> Runs()
    {
        await using var db = factory.CreateDbContext();
        return await db.SyncRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<DateTimeOffset?> Watermark()
    {
        await using var db = factory.CreateDbContext();
        return (await db.SyncStates.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SyncStateKeys.OrdersWatermark))?.Watermark;
    }

    [Fact]
    public async Task Incremental_heals_orders_the_webhooks_missed_or_left_stale_and_moves_the_watermark()
    {
        var known = UpstreamOrders.Paid(Now.AddHours(-5));
        var staleInMirror = UpstreamOrders.Paid(Now.AddHours(-4));
        var refunded = UpstreamOrders.Later(staleInMirror, TimeSpan.FromHours(1), o => o.Baskets[0].RefundedAt = o.UpdatedAt);
        var missed = Enumerable.Range(1, 3).Select(i => UpstreamOrders.Paid(Now.AddHours(-3).AddMinutes(i))).ToArray();
        var unpaid = UpstreamOrders.Paid(Now.AddHours(-1));
        unpaid.Payed = false;
        await Mirror(known, staleInMirror);
        Upstream.Put([known, refunded, .. missed, unpaid]);
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        var before = await MetricsScrape.ReadAsync(client);

        var status = await Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        var stored = await StoredOrders();
        // The unpaid order is mirrored too, as unpaid: reservations heal like sales.
        Assert.Equal([known.Id, staleInMirror.Id, .. missed.Select(o => o.Id), unpaid.Id], stored.Select(o => o.Id));
        Assert.False(stored.Single(o => o.Id == unpaid.Id).Payed);
        Assert.NotNull(stored.Single(o => o.Id == staleInMirror.Id).Baskets.Single(b => b.Id == refunded.Baskets[0].Id).RefundedAt);
        Assert.Equal(unpaid.UpdatedAt, await Watermark());
        var run = Assert.Single(await Runs());
        Assert.Equal((SyncRunKinds.Incremental, SyncRunTriggers.Schedule), (run.Kind, run.Trigger));
        // Two a page, each next page asked from the newest updated_at read: the boundary row is read twice.
        Assert.Equal((5, 10, 4, 1, 5, 5), (run.Pages, run.OrdersSeen, run.OrdersInserted, run.OrdersUpdated, run.OrdersUnchanged, run.GapsHealed));
        Assert.Equal(5, run.ListRequests);
        Assert.Equal("honoured", run.ServerOrder);
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(Now.AddHours(-720), run.Since!.Value, TimeSpan.FromMinutes(1));
        var after = await MetricsScrape.ReadAsync(client);
        double Counted(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(5, Counted("qtickets_sync_reconcile_pages_total", ("kind", SyncRunKinds.Incremental)));
        Assert.Equal(4, Counted("qtickets_sync_reconcile_orders_total", ("kind", SyncRunKinds.Incremental), ("outcome", "inserted")));
        Assert.Equal(5, Counted("qtickets_sync_reconcile_orders_total", ("kind", SyncRunKinds.Incremental), ("outcome", "unchanged")));
        Assert.Equal(5, Counted("qtickets_sync_reconcile_gaps_healed_total", ("kind", SyncRunKinds.Incremental)));
        Assert.Equal(1, Counted("qtickets_sync_reconcile_run_duration_seconds_count", ("kind", SyncRunKinds.Incremental), ("status", SyncRunStatuses.Succeeded)));
    }

    [Fact]
    public async Task The_next_incremental_starts_from_the_watermark_less_the_overlap()
    {
        var first = UpstreamOrders.Paid(Now.AddHours(-2));
        Upstream.Put(first);
        await Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        var later = UpstreamOrders.Paid(Now.AddMinutes(-1));
        Upstream.Put(later);

        await Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.Equal(first.UpdatedAt - TimeSpan.FromMinutes(10), Upstream.Queries[1].UpdatedSince);
        Assert.False(Upstream.Queries[1].PaidOnly);
        Assert.Equal(OrderListOrder.UpdatedAt, Upstream.Queries[1].OrderBy);
        Assert.Equal(later.UpdatedAt, await Watermark());
        Assert.Equal([first.Id, later.Id], (await StoredOrders()).Select(o => o.Id));
    }

    [Fact]
    public async Task A_page_failing_mid_run_leaves_the_watermark_at_the_last_committed_page_and_the_run_failed()
    {
        var orders = Enumerable.Range(1, 5).Select(i => UpstreamOrders.Paid(Now.AddHours(-10 + i))).ToArray();
        Upstream.Put(orders);
        var fetches = 0;
        Upstream.BeforePage = (_, _) => Interlocked.Increment(ref fetches) == 2
            ? throw new QticketsApiException(HttpStatusCode.ServiceUnavailable, "Unknown error", "UNKNOWN_ERROR")
            : Task.CompletedTask;

        var thrown = await Assert.ThrowsAsync<QticketsApiException>(() => Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        Assert.Equal(orders[1].UpdatedAt, await Watermark());
        Assert.Equal([orders[0].Id, orders[1].Id], (await StoredOrders()).Select(o => o.Id));
        var run = Assert.Single(await Runs());
        Assert.Equal(SyncRunStatuses.Failed, run.Status);
        Assert.Equal(thrown.Message, run.Error);
        Assert.Contains("HTTP 503", run.Error);
        Assert.Equal((1, 2), (run.Pages, run.OrdersInserted));
    }

    [Fact]
    public async Task A_rejected_token_fails_the_run_clearly_and_is_not_retried_by_hangfire()
    {
        Upstream.Put(UpstreamOrders.Paid(Now.AddHours(-1)));
        Upstream.BeforePage = (_, _) => throw new QticketsAuthException(HttpStatusCode.Unauthorized, "Unauthorized", null);

        Assert.IsType<QticketsAuthException>((await Assert.ThrowsAsync<PermanentRunFailureException>(() => Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None))).InnerException);

        var run = Assert.Single(await Runs());
        Assert.Equal(SyncRunStatuses.Failed, run.Status);
        Assert.StartsWith("QTickets rejected the token (HTTP 401)", run.Error);
        Assert.Contains("Qtickets:Token", run.Error);
        Assert.Null(await Watermark());
        var retry = (Hangfire.AutomaticRetryAttribute)Attribute.GetCustomAttribute(
            typeof(ReconcileJobs).GetMethod(nameof(ReconcileJobs.RunAsync))!, typeof(Hangfire.AutomaticRetryAttribute))!;
        Assert.Contains(typeof(PermanentRunFailureException), retry.ExceptOn);
        Assert.Equal(5, retry.Attempts);
    }

    [Fact]
    public async Task Two_triggers_at_once_run_once_and_the_other_is_skipped()
    {
        Upstream.Put(UpstreamOrders.Paid(Now.AddHours(-1)));
        var listing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Upstream.BeforePage = async (_, ct) =>
        {
            listing.TrySetResult();
            await release.Task.WaitAsync(ct);
        };

        var first = Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        await listing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await Jobs().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        release.SetResult();
        var firstStatus = await first;

        Assert.Equal(SyncRunStatuses.Skipped, second);
        Assert.Equal(SyncRunStatuses.Succeeded, firstStatus);
        var runs = await Runs();
        Assert.Equal([SyncRunStatuses.Skipped, SyncRunStatuses.Succeeded], runs.Select(r => r.Status).Order());
        Assert.Contains("holds the lock", runs.Single(r => r.Status == SyncRunStatuses.Skipped).Error);
        Assert.Single(Upstream.Queries);
    }

    [Fact]
    public async Task A_backfill_stopped_during_page_two_commits_it_resumes_at_page_three_and_ends_with_every_order_once()
    {
        var from = Now.AddDays(-400);
        var orders = Enumerable.Range(1, 5).Select(i => UpstreamOrders.Paid(Now.AddDays(-300 + i))).ToArray();
        Upstream.Put([.. orders, UpstreamOrders.Paid(from.AddDays(-1))]);
        var run = await factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(await factory.DefaultAccountAsync(), from, SyncRunTriggers.Api, CancellationToken.None);
        using var shutdown = new CancellationTokenSource();
        // The host starts stopping while page 2 is in flight: page 2 is still committed, page 3 is not fetched.
        Upstream.AfterFetch = page =>
        {
            if (page == 2)
            {
                shutdown.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Jobs().RunAsync("default", SyncRunKinds.Backfill, run.RunId, null, shutdown.Token));
        var interrupted = (await Runs()).Single();
        Assert.Equal((2, 4), (interrupted.Pages, interrupted.OrdersInserted));
        Assert.Contains("shutdown", interrupted.Error);

        Assert.Equal([1, 2], Upstream.PagesServed);
        Upstream.AfterFetch = null;
        var status = await Jobs().RunAsync("default", SyncRunKinds.Backfill, run.RunId, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        Assert.Equal([1, 3], Upstream.Queries.Select(q => q.StartPage));
        Assert.All(Upstream.Queries, q => Assert.Equal(from, q.UpdatedSince));
        var stored = await StoredOrders();
        Assert.Equal(orders.Select(o => o.Id), stored.Select(o => o.Id));
        Assert.Equal(15, stored.Sum(o => o.Baskets.Count));
        var finished = (await Runs()).Single();
        Assert.Equal((SyncRunStatuses.Succeeded, 3, 5, 5, (string?)null), (finished.Status, finished.Pages, finished.OrdersSeen, finished.OrdersInserted, finished.Error));
        Assert.Equal(run.HangfireJobId, finished.HangfireJobId);

        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs().RunAsync("default", SyncRunKinds.Backfill, run.RunId, null, CancellationToken.None));
        Assert.Equal(2, Upstream.Queries.Count);
    }

    [Fact]
    public async Task A_backfill_job_run_again_while_its_first_worker_is_alive_is_skipped_without_touching_the_live_run()
    {
        Upstream.Put(UpstreamOrders.Paid(Now.AddDays(-1)));
        var run = await factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(await factory.DefaultAccountAsync(), Now.AddDays(-30), SyncRunTriggers.Api, CancellationToken.None);
        var listing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Upstream.BeforePage = async (_, ct) =>
        {
            listing.TrySetResult();
            await release.Task.WaitAsync(ct);
        };

        var live = Jobs().RunAsync("default", SyncRunKinds.Backfill, run.RunId, null, CancellationToken.None);
        await listing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var again = await Jobs().RunAsync("default", SyncRunKinds.Backfill, run.RunId, null, CancellationToken.None);
        var whileLive = (await Runs()).Single(r => r.Id == run.RunId).Status;
        release.SetResult();

        Assert.Equal(SyncRunStatuses.Skipped, again);
        Assert.Equal(SyncRunStatuses.Running, whileLive);
        Assert.Equal(SyncRunStatuses.Succeeded, await live);
        var runs = await Runs();
        Assert.Equal(SyncRunStatuses.Succeeded, runs.Single(r => r.Id == run.RunId).Status);
        Assert.Contains($"run {run.RunId} is still being executed", runs.Single(r => r.Id != run.RunId).Error);
    }

    [Fact]
    public async Task The_full_sweep_corrects_cancelled_orders_and_marks_vanished_ones_with_a_reason()
    {
        var listed = UpstreamOrders.Paid(Now.AddDays(-20));
        var cancelled = UpstreamOrders.Paid(Now.AddDays(-10));
        var vanished = UpstreamOrders.Paid(Now.AddDays(-5));
        var beyondHorizon = UpstreamOrders.Paid(Now.AddDays(-400));
        await Mirror(listed, cancelled, vanished, beyondHorizon);
        Upstream.Put(listed, UpstreamOrders.Later(cancelled, TimeSpan.FromDays(1), o => { o.Payed = false; o.DeletedAt = o.UpdatedAt; }));

        var status = await Jobs().RunAsync("default", SyncRunKinds.FullSweep, null, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        Assert.Equal([cancelled.Id, vanished.Id], Upstream.Fetched.Order());
        var stored = (await StoredOrders()).ToDictionary(o => o.Id);
        Assert.False(stored[cancelled.Id].Payed);
        Assert.NotNull(stored[cancelled.Id].DeletedAt);
        Assert.Equal(OrderSources.Fetch, stored[cancelled.Id].LastSource);
        Assert.NotNull(stored[vanished.Id].UpstreamMissingAt);
        Assert.Equal($"not listed as paid by QTickets on {DateTimeOffset.UtcNow:yyyy-MM-dd}; GET /orders/{vanished.Id} returned 404", stored[vanished.Id].UpstreamMissingReason);
        Assert.Null(stored[listed.Id].UpstreamMissingAt);
        Assert.Null(stored[beyondHorizon.Id].UpstreamMissingAt);
        var run = Assert.Single(await Runs());
        Assert.Equal((SyncRunKinds.FullSweep, 1, 1, 1), (run.Kind, run.OrdersMarkedMissing, run.OrdersUpdated, run.GapsHealed));

        // Settled orders are not asked about again every night.
        await Jobs().RunAsync("default", SyncRunKinds.FullSweep, null, null, CancellationToken.None);
        Assert.Equal(2, Upstream.Fetched.Count);
    }

    [Fact]
    public async Task The_catalog_sync_upserts_events_and_their_shows()
    {
        var show = new Show { Id = 41, IsActive = true, StartDate = Now.AddDays(30), Raw = """{"id":41}""" };
        Upstream.Events.Add(new Event { Id = 33, Name = "Concert", IsActive = true, Raw = """{"id":33}""", Shows = [show] });

        await Jobs().RunAsync("default", SyncRunKinds.Catalog, null, null, CancellationToken.None);
        Upstream.Events[0].Name = "Concert (moved)";
        Upstream.Events[0].Raw = """{"id":33,"v":2}""";
        await Jobs().RunAsync("default", SyncRunKinds.Catalog, null, null, CancellationToken.None);

        await using var db = factory.CreateDbContext();
        var stored = await db.Events.AsNoTracking().Include(e => e.Shows).SingleAsync();
        Assert.Equal("Concert (moved)", stored.Name);
        Assert.Equal(41, Assert.Single(stored.Shows).Id);
        Assert.All(await Runs(), r => Assert.Equal((SyncRunKinds.Catalog, SyncRunStatuses.Succeeded, 1), (r.Kind, r.Status, r.Pages)));
    }
}
