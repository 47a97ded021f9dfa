using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// The frame every sync run goes through: one run per kind at a time (a PostgreSQL session advisory lock held
/// on the run's own connection, so a crash releases it), a <c>sync_runs</c> row from start to end, a logging
/// scope carrying the run id, and failures recorded before they are rethrown for Hangfire to retry.
/// </summary>
public sealed partial class SyncRunner(
    NpgsqlDataSource dataSource,
    SyncRunLedger ledger,
    ReconcileMetrics metrics,
    UpstreamBehaviourMonitor upstream,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    /// <param name="runId">A run created at trigger time (API, dashboard, backfill), or null for a scheduled run.</param>
    public async Task<string> RunAsync(
        string kind,
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
            // An interrupted run's process is dead and its lock gone: it is taken up like a queued one.
            queued = existing.Status is SyncRunStatuses.Queued or SyncRunStatuses.Interrupted;
            if (existing.Status == SyncRunStatuses.Interrupted)
            {
                LogResuming(id, existing.Pages);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(stopping);
        if (!await TryLockAsync(connection, kind, stopping))
        {
            var reason = $"another {kind} run holds the lock qtickets_sync:{kind}; skipped";
            // A run already under way elsewhere (a re-queued job whose first worker is still alive) keeps its
            // row; the skip gets a row of its own so it never ends the live run's record.
            var skippedId = queued
                ? runId!.Value
                : await ledger.CreateAsync(kind, trigger, SyncRunStatuses.Skipped, since, jobId, CancellationToken.None);
            if (runId is { } busy && !queued)
            {
                reason = $"run {busy} is still being executed by another worker; {reason}";
            }
            await ledger.FinishAsync(skippedId, SyncRunStatuses.Skipped, reason, CancellationToken.None);
            using (logger.BeginScope(new Dictionary<string, object> { ["SyncRunId"] = skippedId }))
            {
                LogSkipped(kind);
            }
            return SyncRunStatuses.Skipped;
        }

        var currentId = runId ?? await ledger.CreateAsync(kind, trigger, SyncRunStatuses.Running, since, jobId, stopping);
        if (runId is not null)
        {
            await ledger.MarkRunningAsync(currentId, jobId, stopping);
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SyncRunId"] = currentId, ["SyncRunKind"] = kind });
        var started = time.GetTimestamp();
        var status = SyncRunStatuses.Failed;
        var tally = new ApiCallTally();
        ApiCallTally.Current = tally;
        try
        {
            LogStarted(kind, trigger);
            await work(new SyncRunContext(currentId, kind, since, connection, logger, stopping));
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
            await ledger.FinishAsync(currentId, status, Describe(ex), CancellationToken.None);
            LogFailed(ex, kind, Describe(ex));
            throw;
        }
        finally
        {
            ApiCallTally.Current = null;
            metrics.RunFinished(kind, status, time.GetElapsedTime(started));
            metrics.ApiRequests(kind, tally);
            upstream.Observe(tally.Verdict);
            await RecordApiAsync(currentId, tally);
            await UnlockAsync(connection, kind);
        }
    }

    /// <summary>Ends the error of a run QTickets refused with 401/403; alerts look for it.</summary>
    public const string TokenRejectedNote = "Check Qtickets:Token; the job is not retried.";

    private static string Describe(Exception ex) => ex switch
    {
        QticketsAuthException => $"{ex.Message}. {TokenRejectedNote}",
        QticketsApiException or QticketsPagingException => ex.Message,
        TimeoutException or TaskCanceledException => $"QTickets did not answer in time: {ex.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

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

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string kind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('qtickets_sync:' || @kind))", connection);
        command.Parameters.AddWithValue("kind", kind);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task UnlockAsync(NpgsqlConnection connection, string kind)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('qtickets_sync:' || @kind))", connection);
            command.Parameters.AddWithValue("kind", kind);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the QTickets requests of run {RunId}")]
    private partial void LogApiNotRecorded(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} was interrupted after {Pages} committed pages; resuming it from its checkpoint")]
    private partial void LogResuming(long runId, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the {Kind} advisory lock; the connection is closed anyway")]
    private partial void LogUnlockFailed(Exception exception, string kind);
}
