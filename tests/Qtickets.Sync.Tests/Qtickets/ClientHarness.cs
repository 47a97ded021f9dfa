using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>
/// The real registration (<see cref="QticketsServiceCollectionExtensions.AddQticketsClient"/>: options, guard,
/// resilience pipeline) with only the network swapped for a <see cref="ScriptedHandler"/> and time made fake.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ClientHarness(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Qtickets:BaseUrl"] = "https://qtickets.test/api/rest/v1/",
            ["Qtickets:Token"] = "test-token",
            // The limiter runs on real time; these tests are about everything else.
            ["Qtickets:RequestsPerSecond"] = "0",
            ["Qtickets:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Handler = new ScriptedHandler(Time);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddQticketsClient(configuration);
        services.AddHttpClient(QticketsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
    }

    public RecordingTimeProvider Time { get; } = new();

    public ScriptedHandler Handler { get; }

    public ListLoggerProvider Logs { get; } = new();

    public IQticketsClient Client => _services.GetRequiredService<IQticketsClient>();

    public HttpClient RawHttpClient =>
        _services.GetRequiredService<IHttpClientFactory>().CreateClient(QticketsClient.HttpClientName);

    /// <remarks>
    /// Disposing a resilience pipeline waits, on the pipeline's clock, for executions it still counts as running
    /// (Polly checks again after a short delay). On this fake clock that delay never ends unless time moves: when a
    /// test reached disposal while the client was still finishing an execution (under load), disposal blocked for
    /// good. So time is moved on until disposal is done.
    /// </remarks>
    public void Dispose()
    {
        var disposal = Task.Run(_services.Dispose);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!disposal.Wait(TimeSpan.FromMilliseconds(20)) && DateTime.UtcNow < deadline)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
        }
        disposal.GetAwaiter().GetResult();
    }
}
