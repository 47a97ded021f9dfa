using Hangfire;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>A run asked for by a user: its row (status queued) and the Hangfire job that will run it.</summary>
public sealed record QueuedRun(long RunId, string HangfireJobId);

/// <summary>
/// Starts runs on demand. The <c>sync_runs</c> row is created first, with status <c>queued</c> and its account,
/// so the caller has a run id to poll at once; the job carries that id and takes the row over when it starts.
/// </summary>
public sealed class SyncRunTrigger(IBackgroundJobClient jobs, SyncRunLedger ledger, AccountDirectory accounts)
{
    public static readonly IReadOnlySet<string> ReconcileKinds =
        new HashSet<string>(StringComparer.Ordinal) { SyncRunKinds.Incremental, SyncRunKinds.FullSweep, SyncRunKinds.Catalog, SyncRunKinds.Audit };

    /// <summary>The reconcile kinds of a Ticketscloud account: its reconciler's, and the audit (every platform has one).</summary>
    public static readonly IReadOnlySet<string> TicketscloudReconcileKinds = new HashSet<string>(
        ReconcileKinds.Where(k => k == SyncRunKinds.Audit || TicketscloudReconciler.Kinds.Contains(k)), StringComparer.Ordinal);

    /// <summary>A reconcile of the only QTickets account (the single-account setup).</summary>
    public async Task<QueuedRun> ReconcileAsync(string kind, string trigger, CancellationToken ct) =>
        await ReconcileAsync(await OnlyAccountAsync(ct), kind, trigger, ct);

    public async Task<QueuedRun> ReconcileAsync(SyncAccount account, string kind, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!ReconcileKinds.Contains(kind) || (IsTicketscloud(account) && !TicketscloudReconcileKinds.Contains(kind)))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reconcile kind of this account's platform.");
        }
        var runId = await ledger.CreateAsync(account.Id, kind, trigger, SyncRunStatuses.Queued, null, null, ct);
        var name = account.Name;
        if (kind == SyncRunKinds.Audit)
        {
            return await EnqueueAsync(runId, () => jobs.Enqueue<AuditJobs>(j => j.AuditForAsync(name, runId, null, CancellationToken.None)), ct);
        }
        if (IsTicketscloud(account))
        {
            return await EnqueueAsync(runId, () => jobs.Enqueue<TicketscloudJobs>(j => j.RunAsync(name, runId, null, CancellationToken.None)), ct);
        }
        return await EnqueueAsync(runId, () => kind switch
        {
            SyncRunKinds.Incremental => jobs.Enqueue<SyncJobs>(j => j.IncrementalForAsync(name, runId, null, CancellationToken.None)),
            SyncRunKinds.FullSweep => jobs.Enqueue<SyncJobs>(j => j.FullSweepForAsync(name, runId, null, CancellationToken.None)),
            _ => jobs.Enqueue<SyncJobs>(j => j.CatalogForAsync(name, runId, null, CancellationToken.None)),
        }, ct);
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
    public async Task<QueuedRun> BackfillAsync(DateTimeOffset from, string trigger, CancellationToken ct) =>
        await BackfillAsync(await OnlyAccountAsync(ct), from, trigger, ct);

    public async Task<QueuedRun> BackfillAsync(SyncAccount account, DateTimeOffset from, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var runId = await ledger.RequeueInterruptedAsync(account.Id, SyncRunKinds.Backfill, from, ct)
            ?? await ledger.CreateAsync(account.Id, SyncRunKinds.Backfill, trigger, SyncRunStatuses.Queued, from, null, ct);
        var name = account.Name;
        return await EnqueueAsync(runId, () => IsTicketscloud(account)
            ? jobs.Enqueue<TicketscloudJobs>(j => j.RunAsync(name, runId, null, CancellationToken.None))
            : jobs.Enqueue<SyncJobs>(j => j.BackfillAsync(name, runId, null, CancellationToken.None)), ct);
    }

    private static bool IsTicketscloud(SyncAccount account) => account.Platform == Domain.Accounts.AccountPlatforms.Ticketscloud;

    /// <summary>The daily sales drift check on demand (it also runs nightly).</summary>
    public async Task<QueuedRun> SalesDriftAsync(string trigger, CancellationToken ct)
    {
        var runId = await ledger.CreateAsync(null, SyncRunKinds.SalesDrift, trigger, SyncRunStatuses.Queued, null, null, ct);
        return await EnqueueAsync(runId, () => jobs.Enqueue<SalesJobs>(j => j.DriftAsync(runId, null, CancellationToken.None)), ct);
    }

    private async Task<SyncAccount> OnlyAccountAsync(CancellationToken ct) =>
        await accounts.OnlyAsync(Domain.Accounts.AccountPlatforms.Qtickets, ct);

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
