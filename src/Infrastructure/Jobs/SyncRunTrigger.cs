using Hangfire;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>A run asked for by a user: its row (status queued) and the Hangfire job that will run it.</summary>
public sealed record QueuedRun(long RunId, string HangfireJobId);

/// <summary>
/// Starts runs on demand. The <c>sync_runs</c> row is created first, with status <c>queued</c> and its account,
/// so the caller has a run id to poll at once; the job carries that id and takes the row over when it starts.
/// </summary>
public sealed class SyncRunTrigger(IBackgroundJobClient jobs, SyncRunLedger ledger, ReconcilePlatforms platforms)
{
    public static readonly IReadOnlySet<string> ReconcileKinds =
        new HashSet<string>(StringComparer.Ordinal) { SyncRunKinds.Incremental, SyncRunKinds.FullSweep, SyncRunKinds.Catalog, SyncRunKinds.Audit };

    /// <summary>Queues a run of <paramref name="kind"/> (one of <see cref="ReconcileKinds"/> the account's platform has).</summary>
    public async Task<QueuedRun> ReconcileAsync(SyncAccount account, string kind, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!ReconcileKinds.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reconcile kind.");
        }
        EnsureServed(account, kind);
        var runId = await ledger.CreateAsync(account.Id, kind, trigger, SyncRunStatuses.Queued, null, null, ct);
        return await EnqueueAsync(account, kind, runId, ct);
    }

    /// <summary>
    /// Heals what audit <paramref name="auditRunId"/> found: a full sweep of its account, which overwrites every
    /// order whose business content differs and checks every stored order the platform no longer lists.
    /// </summary>
    public Task<QueuedRun> HealAsync(SyncAccount account, string trigger, CancellationToken ct) =>
        ReconcileAsync(account, SyncRunKinds.FullSweep, trigger, ct);

    /// <summary>
    /// Queues a backfill of the account from <paramref name="from"/>; an interrupted backfill of the same range is
    /// continued (same run, same checkpoint) instead of walking again from page 1.
    /// </summary>
    public async Task<QueuedRun> BackfillAsync(SyncAccount account, DateTimeOffset from, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        EnsureServed(account, SyncRunKinds.Backfill);
        var runId = await ledger.RequeueInterruptedAsync(account.Id, SyncRunKinds.Backfill, from, ct)
            ?? await ledger.CreateAsync(account.Id, SyncRunKinds.Backfill, trigger, SyncRunStatuses.Queued, from, null, ct);
        return await EnqueueAsync(account, SyncRunKinds.Backfill, runId, ct);
    }

    private void EnsureServed(SyncAccount account, string kind)
    {
        if (!platforms.KindsOf(account.Platform).Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"A {account.Platform} account has no {kind} run.");
        }
    }

    /// <summary>The audit has a job of its own (<see cref="AuditJobs"/>); every other kind is a <see cref="ReconcileJobs"/> run.</summary>
    private Task<QueuedRun> EnqueueAsync(SyncAccount account, string kind, long runId, CancellationToken ct)
    {
        var name = account.Name;
        return EnqueueAsync(runId, () => kind == SyncRunKinds.Audit
            ? jobs.Enqueue<AuditJobs>(j => j.AuditForAsync(name, runId, null, CancellationToken.None))
            : jobs.Enqueue<ReconcileJobs>(j => j.RunAsync(name, kind, runId, null, CancellationToken.None)), ct);
    }

    /// <summary>The daily sales drift check on demand (it also runs nightly).</summary>
    public async Task<QueuedRun> SalesDriftAsync(string trigger, CancellationToken ct)
    {
        var runId = await ledger.CreateAsync(null, SyncRunKinds.SalesDrift, trigger, SyncRunStatuses.Queued, null, null, ct);
        return await EnqueueAsync(runId, () => jobs.Enqueue<SalesJobs>(j => j.DriftAsync(runId, null, CancellationToken.None)), ct);
    }

    /// <summary>A row whose job never made it into the queue is closed as failed, not left queued forever.</summary>
    private async Task<QueuedRun> EnqueueAsync(long runId, Func<string> enqueue, CancellationToken ct)
    {
        string jobId;
        try
        {
            jobId = enqueue();
        }
        catch (Exception ex)
        {
            await ledger.FinishAsync(runId, SyncRunStatuses.Failed, $"could not be queued: {ex.Message}", CancellationToken.None);
            throw;
        }
        await ledger.SetJobIdAsync(runId, jobId, ct);
        return new QueuedRun(runId, jobId);
    }
}
