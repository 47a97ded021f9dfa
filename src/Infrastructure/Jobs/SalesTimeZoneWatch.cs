using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// On start (after migrations), compares <c>Sales:TimeZone</c> with the zone the daily sales table was built in
/// and queues the rebuild job when they differ or a rebuild was left unfinished. A second instance queueing the
/// same rebuild is harmless: the run lock lets one through and the rest are recorded as skipped.
/// </summary>
public sealed partial class SalesTimeZoneWatch(
    NpgsqlDataSource dataSource,
    IOptions<SalesOptions> options,
    IBackgroundJobClient jobs,
    ILogger<SalesTimeZoneWatch> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = options.Value.TimeZone;
        if (await DailySalesRebuild.RequestAsync(dataSource, zone, cancellationToken))
        {
            var job = jobs.Enqueue<SalesJobs>(j => j.RebuildAsync(null, null, CancellationToken.None));
            LogQueued(zone, job);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily sales table is not (fully) built for Sales:TimeZone {TimeZone}; rebuild queued as job {JobId}")]
    private partial void LogQueued(string timeZone, string jobId);
}
