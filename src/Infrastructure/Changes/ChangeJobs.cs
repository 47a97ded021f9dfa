using Hangfire;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>Hangfire's entry points for order history's upkeep; each is idempotent, so retries are harmless.</summary>
public sealed class ChangeJobs(ChangeRetention retention, ChangeBaseline baseline, ChangeStateFill states)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 900, 3600])]
    [JobDisplayName("Order history retention")]
    public Task RetentionAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 3600, 3600])]
    [JobDisplayName("Order history baseline")]
    public Task BaselineAsync(CancellationToken cancellationToken) => baseline.RunAsync(cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 3600, 3600])]
    [JobDisplayName("Order history states of changes older than states")]
    public Task StatesAsync(CancellationToken cancellationToken) => states.RunAsync(cancellationToken);
}
