using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>Which parts of the service this instance runs, and how Hangfire stores its jobs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// <c>all</c> (API and job server, the default), <c>api</c> (serve HTTP only) or <c>worker</c> (run jobs
    /// only). Several instances can share one database; Hangfire spreads jobs across the servers.
    /// </summary>
    public string Role { get; set; } = HostRoles.All;

    public int WorkerCount { get; set; } = 2;

    /// <summary>PostgreSQL schema holding Hangfire's own tables, apart from the mirror's.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>
    /// How long a job fetched by a worker stays invisible to others without a sign of life. The invisibility
    /// slides (the live worker renews it every fifth of this), so a long backfill is never taken from a live
    /// worker, while the job of a dead process is picked up by another worker this long after its last renewal.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often an idle worker looks for queued jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each job server reports itself alive.</summary>
    public TimeSpan ServerHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A server silent for this long is dead: its runs still marked running become interrupted, and Hangfire
    /// forgets the server. Keep it a few heartbeats long.
    /// </summary>
    public TimeSpan ServerDeadAfter { get; set; } = TimeSpan.FromSeconds(45);

    public bool RunsJobs => Role is HostRoles.All or HostRoles.Worker;
}

public static class HostRoles
{
    public const string All = "all";
    public const string Api = "api";
    public const string Worker = "worker";
}

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        if (options.Role is not (HostRoles.All or HostRoles.Api or HostRoles.Worker))
        {
            return ValidateOptionsResult.Fail($"Jobs:Role '{options.Role}' is not one of all, api, worker.");
        }
        if (options.WorkerCount is < 1 or > 64)
        {
            return ValidateOptionsResult.Fail("Jobs:WorkerCount must be between 1 and 64.");
        }
        if (options.InvisibilityTimeout < TimeSpan.FromSeconds(1) || options.QueuePollInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Jobs:InvisibilityTimeout must be at least 1 second and Jobs:QueuePollInterval positive.");
        }
        if (options.ServerHeartbeatInterval <= TimeSpan.Zero || options.ServerDeadAfter < options.ServerHeartbeatInterval * 2)
        {
            return ValidateOptionsResult.Fail("Jobs:ServerDeadAfter must be at least twice Jobs:ServerHeartbeatInterval.");
        }
        return ValidateOptionsResult.Success;
    }
}
