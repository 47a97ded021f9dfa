using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>
/// On start: schedules the nightly history retention and queues the baseline pass, which finds nothing to do once
/// every account is marked done, and the state fill, which finds nothing once every change has its state (a second
/// instance queueing them too is harmless).
/// </summary>
public sealed class ChangeJobsSetup(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptions<ChangeFeedOptions> options, IOptions<ReconcileOptions> reconcile)
    : IHostedService
{
    public const string RetentionId = "change-retention";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var schedule = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(reconcile.Value.TimeZone) };
        recurring.AddOrUpdate<ChangeJobs>(RetentionId, j => j.RetentionAsync(CancellationToken.None), options.Value.RetentionCron, schedule);
        jobs.Enqueue<ChangeJobs>(j => j.BaselineAsync(CancellationToken.None));
        jobs.Enqueue<ChangeJobs>(j => j.StatesAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
