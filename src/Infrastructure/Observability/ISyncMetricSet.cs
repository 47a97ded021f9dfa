namespace Qtickets.Sync.Infrastructure.Observability;

/// <summary>
/// A class that declares some of the service's <c>qtickets_sync_*</c> metrics. Every one is built when
/// <c>/metrics</c> is mapped, so each metric, with a zero for every label set known in advance, is on the first
/// scrape, and counting starts with the process rather than with the first request that needs the class.
/// </summary>
public interface ISyncMetricSet;
