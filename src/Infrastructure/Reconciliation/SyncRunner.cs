using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// The frame every sync run goes through: one run per kind and account at a time (a PostgreSQL session advisory
/// lock held on the run's own connection, so a crash releases it), a <c>sync_runs</c> row from start to end, a
/// logging scope carrying the run id and account, and failures recorded before they are rethrown for Hangfire to
/// retry. Accounts never wait for each other: each has its own locks, rows and watermark. A failure the account's
/// platform calls permanent (<see cref="RunFailure.Permanent"/>) is rethrown as a
/// <see cref="PermanentRunFailureException"/>, which the jobs do not retry.
/// </summary>
public sealed partial class SyncRunner(
    NpgsqlDataSource dataSource,
    AccountDirectory accounts,
    SyncRunLedger ledger,
    ReconcileMetrics metrics,
    UpstreamBehaviourMonitor upstream,
    ReconcilePlatforms platforms,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    /// <summary>A run about the whole deployment (daily sales), or a triggered run of the account its row names.</summary>
    /// <param name="runId">A run created at trigger time (API, dashboard, backfill), or null for a scheduled run.</param>
    public Task<string> RunAsync(
        string kind,
        long? runId,
        string? jobId,
        Func<SyncRunContext, Task> work,
        CancellationToken stopping) =>
        RunAsync(kind, null, runId, jobId, work, stopping);

    /// <param name="account">The account of a scheduled run; null takes the account from the run's row.</param>
    /// <param name="runId">A run created at trigger time (API, dashboard, backfill), or null for a scheduled run.</param>
    public async Task<string> RunAsync(
        string kind,
        SyncAccount? account,
        long? runId,
        string? jobId,
        Func<SyncRunContext, Task> work,
        CancellationToken stopping)
    {
        DateTimeOffset? since = null;
        var trigger = SyncRunTriggers.Schedule;
        var queued = false;
        if (runId is { } id)
        {
            var existing = await ledger.FindAsync(id, stopping);
            if (existing is null || existing.Kind != kind)
            {
                throw new InvalidOperationException($"Sync run {id} of kind {kind} does not exist.");
            }
            // Hangfire may run a job again (re-queued from a dead server, or retried): a finished run stays finished.
            if (existing.Status is SyncRunStatuses.Succeeded or SyncRunStatuses.Skipped)
            {
                LogAlreadyFinished(id, existing.Status);
                return existing.Status;
            }
            since = existing.Since;
            trigger = existing.Trigger;
            if (account is null && existing.AccountId is { } accountId)
            {
                account = await accounts.FindAsync(accountId, stopping)
                    ?? throw new InvalidOperationException($"Sync run {id} is of account #{accountId}, which the settings no longer list.");
            }
            // An interrupted run's process is dead and its lock gone: it is taken up like a queued one.
            queued = existing.Status is SyncRunStatuses.Queued or SyncRunStatuses.Interrupted;
            if (existing.Status == SyncRunStatuses.Interrupted)
            {
                LogResuming(id, existing.Pages);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(stopping);
        var lockName = account is null ? $"qtickets_sync:{kind}" : $"qtickets_sync:{kind}:{account.Name}";
        if (!await TryLockAsync(connection, kind, account, stopping))
        {
            var reason = $"another {kind} run holds the lock {lockName}; skipped";
            // A run already under way elsewhere (a re-queued job whose first worker is still alive) keeps its
            // row; the skip gets a row of its own so it never ends the live run's record.
            var skippedId = queued
                ? runId!.Value
                : await ledger.CreateAsync(account?.Id, kind, trigger, SyncRunStatuses.Skipped, since, jobId, CancellationToken.None);
            if (runId is { } busy && !queued)
            {
                reason = $"run {busy} is still being executed by another worker; {reason}";
            }
            await ledger.FinishAsync(skippedId, SyncRunStatuses.Skipped, reason, CancellationToken.None);
            using (logger.BeginScope(new Dictionary<string, object> { ["SyncRunId"] = skippedId, ["Account"] = account?.Name ?? "" }))
            {
                LogSkipped(kind);
            }
            return SyncRunStatuses.Skipped;
        }

        var currentId = runId ?? await ledger.CreateAsync(account?.Id, kind, trigger, SyncRunStatuses.Running, since, jobId, stopping);
        if (runId is not null)
        {
            await ledger.MarkRunningAsync(currentId, jobId, stopping);
        }
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["SyncRunId"] = currentId, ["SyncRunKind"] = kind, ["Account"] = account?.Name ?? "",
        });
        var started = time.GetTimestamp();
        var status = SyncRunStatuses.Failed;
        var tally = new ApiCallTally();
        ApiCallTally.Current = tally;
        try
        {
            LogStarted(kind, trigger);
            await work(new SyncRunContext(currentId, kind, since, connection, logger, stopping) { Account = account });
            status = SyncRunStatuses.Succeeded;
            await ledger.FinishAsync(currentId, status, null, CancellationToken.None);
            LogSucceeded(kind, time.GetElapsedTime(started).TotalSeconds);
            return status;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await ledger.FinishAsync(currentId, status, "stopped by host shutdown after the last committed page; Hangfire runs it again", CancellationToken.None);
            LogStopped(kind);
            throw;
        }
        catch (Exception ex)
        {
            var failure = platforms.Classify(ex, account) ?? new RunFailure($"{ex.GetType().Name}: {ex.Message}");
            await ledger.FinishAsync(currentId, status, failure.Error, CancellationToken.None);
            LogFailed(ex, kind, failure.Error);
            if (failure.Permanent)
            {
                throw new PermanentRunFailureException(failure.Error, ex);
            }
            throw;
        }
        finally
        {
            ApiCallTally.Current = null;
            metrics.RunFinished(account, kind, status, time.GetElapsedTime(started));
            metrics.ApiRequests(account, kind, tally);
            upstream.Observe(tally.Verdict);
            await RecordApiAsync(currentId, tally);
            await UnlockAsync(connection, kind, account);
        }
    }

    /// <summary>Ends the error of a run the platform refused with 401/403; alerts look for it.</summary>
    public const string TokenRejectedNote = RunFailure.TokenRejectedNote;

    private async Task RecordApiAsync(long runId, ApiCallTally tally)
    {
        try
        {
            await ledger.RecordApiAsync(runId, tally, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The counts are bookkeeping; losing them must not mask the run's own outcome.
            LogApiNotRecorded(ex, runId);
        }
    }

    /// <summary>
    /// A deployment-wide run locks <c>hashtext('qtickets_sync:kind')</c>; an account's run the pair (that hash, the
    /// account id), a lock space of its own, so no two accounts can ever collide.
    /// </summary>
    private static NpgsqlCommand LockCommand(NpgsqlConnection connection, string function, string kind, SyncAccount? account)
    {
        var command = new NpgsqlCommand(account is null
            ? $"SELECT {function}(hashtext('qtickets_sync:' || @kind))"
            : $"SELECT {function}(hashtext('qtickets_sync:' || @kind), @account)", connection);
        command.Parameters.AddWithValue("kind", kind);
        if (account is not null)
        {
            command.Parameters.AddWithValue("account", account.Id);
        }
        return command;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string kind, SyncAccount? account, CancellationToken ct)
    {
        await using var command = LockCommand(connection, "pg_try_advisory_lock", kind, account);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task UnlockAsync(NpgsqlConnection connection, string kind, SyncAccount? account)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        try
        {
            await using var command = LockCommand(connection, "pg_advisory_unlock", kind, account);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The lock is a session lock: a broken connection has already released it.
            LogUnlockFailed(ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run of kind {Kind} started ({Trigger})")]
    private partial void LogStarted(string kind, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run of kind {Kind} succeeded in {Seconds:0.0} s")]
    private partial void LogSucceeded(string kind, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run of kind {Kind} skipped: another run of that kind holds the lock")]
    private partial void LogSkipped(string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run of kind {Kind} stopped by host shutdown after its last committed page")]
    private partial void LogStopped(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run of kind {Kind} failed: {Error}")]
    private partial void LogFailed(Exception exception, string kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} already finished as {Status}; nothing to do")]
    private partial void LogAlreadyFinished(long runId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the platform requests of run {RunId}")]
    private partial void LogApiNotRecorded(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} was interrupted after {Pages} committed pages; resuming it from its checkpoint")]
    private partial void LogResuming(long runId, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the {Kind} advisory lock; the connection is closed anyway")]
    private partial void LogUnlockFailed(Exception exception, string kind);
}
