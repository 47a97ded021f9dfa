using Hangfire;
using Qtickets.Sync.Infrastructure.PersonalData;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>Hangfire's entry point for <see cref="PersonalDataRetention"/>; a rerun finds nothing left to mask.</summary>
public sealed class PersonalDataRetentionJob(PersonalDataRetention retention)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 900, 3600])]
    [JobDisplayName("Personal data retention")]
    public Task RunAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);
}
