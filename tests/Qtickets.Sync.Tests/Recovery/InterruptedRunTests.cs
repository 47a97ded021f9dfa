using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Reconciliation;

namespace Qtickets.Sync.Tests.Recovery;

public sealed class InterruptedRunTests(ReconcileFactory factory) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Runs_left_running_by_a_dead_host_are_marked_interrupted_and_live_ones_are_left_alone()
    {
        var ledger = factory.GetRequiredService<SyncRunLedger>();
        var orphan = await ledger.CreateAsync(Account.DefaultId, SyncRunKinds.Backfill, SyncRunTriggers.Api, SyncRunStatuses.Running, Now.AddDays(-1), null, CancellationToken.None);
        var mine = await ledger.CreateAsync(Account.DefaultId, SyncRunKinds.Incremental, SyncRunTriggers.Schedule, SyncRunStatuses.Running, null, null, CancellationToken.None);
        await using (var db = factory.CreateDbContext())
        {
            await db.SyncRuns.Where(r => r.Id == orphan).ExecuteUpdateAsync(set => set.SetProperty(r => r.Host, "ghost-host:4242"));
        }

        var marked = await factory.GetRequiredService<InterruptedRunSweeper>().SweepAsync(CancellationToken.None);

        Assert.Equal([orphan], marked);
        await using var check = factory.CreateDbContext();
        var runs = await check.SyncRuns.AsNoTracking().ToDictionaryAsync(r => r.Id);
        Assert.Equal(SyncRunStatuses.Interrupted, runs[orphan].Status);
        Assert.Equal(1, runs[orphan].Interruptions);
        Assert.Contains("ghost-host:4242", runs[orphan].Error);
        Assert.Equal(SyncRunStatuses.Running, runs[mine].Status);
    }

    [Fact]
    public async Task A_new_backfill_of_the_same_range_continues_the_interrupted_run_from_its_checkpoint()
    {
        var from = Now.AddDays(-400);
        var orders = Enumerable.Range(1, 5).Select(i => UpstreamOrders.Paid(Now.AddDays(-300 + i))).ToArray();
        factory.Upstream.Put(orders);
        var trigger = factory.GetRequiredService<SyncRunTrigger>();
        var first = await trigger.BackfillAsync(await factory.DefaultAccountAsync(), from, SyncRunTriggers.Api, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        factory.Upstream.AfterFetch = page =>
        {
            if (page == 2)
            {
                stop.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Jobs().RunAsync("default", SyncRunKinds.Backfill, first.RunId, null, stop.Token));
        factory.Upstream.AfterFetch = null;
        // As the sweeper leaves a run whose process died.
        await using (var db = factory.CreateDbContext())
        {
            await db.SyncRuns.Where(r => r.Id == first.RunId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, SyncRunStatuses.Interrupted).SetProperty(r => r.Interruptions, 1));
        }

        var again = await trigger.BackfillAsync(await factory.DefaultAccountAsync(), from, SyncRunTriggers.Api, CancellationToken.None);
        var status = await Jobs().RunAsync("default", SyncRunKinds.Backfill, again.RunId, null, CancellationToken.None);

        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(SyncRunStatuses.Succeeded, status);
        Assert.Equal([1, 3], factory.Upstream.Queries.Select(q => q.StartPage));
        await using var check = factory.CreateDbContext();
        var run = await check.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.RunId);
        Assert.Equal((SyncRunStatuses.Succeeded, 3, 5), (run.Status, run.Pages, run.OrdersInserted));
        Assert.NotNull(run.ResumedAt);
        Assert.Equal(1, run.Interruptions);
    }

    private ReconcileJobs Jobs() => factory.Services.GetRequiredService<ReconcileJobs>();
}
