using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Emulator.Activity;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;

namespace Qtickets.Sync.Tests.Reconciliation;

public sealed class EmulatorSweepFactory : EmulatorBackedFactory;

/// <summary>
/// The emulator set to leave cancelled orders out of <c>payed=1</c> listings: the incremental cannot see a
/// cancellation, the full sweep must.
/// </summary>
public sealed class EmulatorFullSweepTests(EmulatorSweepFactory fixture)
    : EmulatorBackedTests(fixture, new ReconcileEmulator(("Emulator:PaidListingExcludesCancelled", "true"))), IClassFixture<EmulatorSweepFactory>
{

    private async Task<List<long>> CancelledInMirrorAsync(IReadOnlyCollection<long> ids)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id) && o.DeletedAt != null).Select(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task Cancellations_hidden_from_paid_listings_are_found_by_the_full_sweep()
    {
        var jobs = Factory.GetRequiredService<ReconcileJobs>();
        await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        var mirrored = await MirroredPaidIdsAsync();

        var cancelled = new HashSet<long>();
        for (var attempt = 0; attempt < 20 && cancelled.Count < 3; attempt++)
        {
            var step = await (await Control.PostAsync(new Uri("/emulator/activity/step?count=50", UriKind.Relative), null))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ActivityStepResult>();
            cancelled.UnionWith(step!.Changes.Where(c => c.EventType == "deleted").Select(c => (long)c.OrderId).Where(mirrored.Contains));
        }
        Assert.NotEmpty(cancelled);

        // Dropped webhooks and no incremental run in between (which would see them: it lists without the paid
        // filter): the sweep's paid listing hides them, so only its check of unlisted orders finds them.
        var before = await CancelledInMirrorAsync(cancelled);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.FullSweep, null, null, CancellationToken.None));
        var seenBySweep = await CancelledInMirrorAsync(cancelled);

        Assert.Empty(before);
        Assert.Equal(cancelled.Order(), seenBySweep.Order());
        await using var db = Factory.CreateDbContext();
        var sweep = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Kind == SyncRunKinds.FullSweep);
        Assert.True(sweep.GapsHealed >= cancelled.Count);
    }

    private async Task<HashSet<long>> MirroredPaidIdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return [.. await db.Orders.AsNoTracking().Where(o => o.Payed && o.DeletedAt == null).Select(o => o.Id).ToListAsync()];
    }
}
