namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>The timeouts, retries and rate an upstream client's resilience pipeline is built from.</summary>
public sealed record UpstreamLimits(
    TimeSpan TotalTimeout, TimeSpan AttemptTimeout, int MaxRetries, TimeSpan RetryBaseDelay, int RequestsPerSecond);
