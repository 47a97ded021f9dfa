using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Auth;

/// <summary>Keeps, for every log line, the <c>ApiKey</c> values of the scopes it was written in.</summary>
public sealed class ScopeRecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, string? ApiKey)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeRecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? key = null;
            provider.scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs && pairs.FirstOrDefault(p => p.Key == "ApiKey") is { Value: string name })
                {
                    key = name;
                }
            }, (object?)null);
            provider.Lines.Enqueue((category, formatter(state, exception), key));
        }
    }
}

public sealed class LogScopeFactory : SyncApiFactory
{
    public ScopeRecordingLoggerProvider Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Auth:ApiKeys:1:Name"] = "reporting",
        // The endpoint middleware's "Executing endpoint" line is written after authentication, inside the scope.
        ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

public sealed class ApiKeyLogScopeTests(LogScopeFactory factory) : IClassFixture<LogScopeFactory>
{
    [Fact]
    public async Task Lines_logged_while_serving_a_key_carry_its_name_and_never_the_key()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        using var response = await client.GetAsync(new Uri("/api/v1/sync/status", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        var served = factory.Logs.Lines.Where(l => l.Message.StartsWith("Executing endpoint", StringComparison.Ordinal) && l.Message.Contains("/api/v1/sync/status", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, l => Assert.Equal("reporting", l.ApiKey));
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Message.Contains(SyncApiFactory.ReadKey, StringComparison.Ordinal));
    }
}
