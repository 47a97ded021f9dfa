using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// QTickets' side of the reconcile seam: an account's incremental reconcile, full sweep, backfill and catalog
/// sync, and what its client's exceptions mean for the run.
/// </summary>
public sealed class QticketsReconcile(
    IncrementalReconciler incremental,
    FullSweepReconciler fullSweep,
    BackfillReconciler backfill,
    CatalogSynchronizer catalog) : IReconcilePlatform
{
    public string Platform => AccountPlatforms.Qtickets;

    public IReadOnlySet<string> Kinds { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SyncRunKinds.Incremental, SyncRunKinds.FullSweep, SyncRunKinds.Backfill, SyncRunKinds.Catalog };

    public Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Kind switch
        {
            SyncRunKinds.Incremental => incremental.RunAsync(run),
            SyncRunKinds.FullSweep => fullSweep.RunAsync(run),
            SyncRunKinds.Backfill => backfill.RunAsync(run),
            SyncRunKinds.Catalog => catalog.RunAsync(run),
            _ => throw new InvalidOperationException($"A QTickets account has no {run.Kind} run."),
        };
    }

    public RunFailure? Classify(Exception exception, SyncAccount account) => exception switch
    {
        QticketsAuthException => RunFailure.TokenRejected(exception, account),
        QticketsApiException or QticketsPagingException => new RunFailure(exception.Message),
        TimeoutException or TaskCanceledException => RunFailure.NoAnswer("QTickets", exception),
        _ => null,
    };
}
