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
        return ValidateOptionsResult.Success;
    }
}
