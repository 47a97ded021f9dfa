using Prometheus;

namespace Qtickets.Sync.Infrastructure.Observability;

/// <summary>
/// The prometheus-net registry <c>/metrics</c> serves, one per host. The service's own <c>qtickets_sync_*</c>
/// metrics are prometheus-net collectors made on it directly: they count from the moment their
/// <see cref="ISyncMetricSet"/> is built (at startup), are typed <c>counter</c> when they count, and never expire.
/// The .NET meters of the libraries (ASP.NET Core, Npgsql, the runtime) and the process metrics are added
/// through prometheus-net's adapters, which is good enough for metrics that are not ours.
/// </summary>
/// <remarks>
/// A registry of its own rather than prometheus-net's static default one, so two hosts in one process (the
/// integration tests) never add to each other's counters.
/// </remarks>
public sealed class SyncMetricsRegistry : IDisposable
{
    private readonly IDisposable libraryMeters;

    public SyncMetricsRegistry()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);
        libraryMeters = MeterAdapter.StartListening(new MeterAdapterOptions { Registry = Registry, MetricFactory = Factory });
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public void Dispose() => libraryMeters.Dispose();
}
