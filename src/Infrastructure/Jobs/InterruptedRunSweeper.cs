using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// On start, and every <c>Jobs:ServerHeartbeatInterval</c> after, marks the runs a dead process left
/// <c>running</c> as <c>interrupted</c>: a host is alive while its Hangfire server reports within
/// <c>Jobs:ServerDeadAfter</c>. The runs' jobs are then taken up by a live worker once their sliding
/// invisibility lapses (<c>Jobs:InvisibilityTimeout</c>) and resume from their checkpoints; no one has to act.
/// </summary>
public sealed partial class InterruptedRunSweeper(
    JobStorage storage,
    SyncRunLedger ledger,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<InterruptedRunSweeper> logger) : BackgroundService
{
    /// <returns>The runs marked interrupted.</returns>
    public async Task<List<long>> SweepAsync(CancellationToken cancellationToken)
    {
        var aliveSince = time.GetUtcNow().UtcDateTime - options.Value.ServerDeadAfter;
        var live = storage.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && beat >= aliveSince)
            .Select(s => s.Name)
            .ToList();
        var interrupted = await ledger.MarkInterruptedAsync(live, cancellationToken);
        foreach (var runId in interrupted)
        {
            LogInterrupted(runId);
        }
        return interrupted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ServerHeartbeatInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} was left running by a dead process; marked interrupted, its job resumes it")]
    private partial void LogInterrupted(long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for runs left by dead processes; trying again")]
    private partial void LogSweepFailed(Exception exception);
}
