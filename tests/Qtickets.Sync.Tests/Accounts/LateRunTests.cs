using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>The service (api role: no job server) on a clock the test moves, starting at the real time.</summary>
public sealed class LateRunFactory : SyncApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(Clock));
    }
}

public sealed class LateRunTests(LateRunFactory factory) : IClassFixture<LateRunFactory>
{
    [Fact]
    public async Task An_incremental_run_queued_but_not_started_within_the_limit_is_reported_late_with_why()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var id = IAccountRecurringJobs.Id(QticketsRecurringJobs.IncrementalKind, "default");
        factory.GetRequiredService<IRecurringJobManager>().Trigger(id);

        var onTime = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sync/status", UriKind.Relative))).GetProperty("accounts")[0];
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sync/status", UriKind.Relative))).GetProperty("accounts")[0];

        Assert.Equal("default", later.GetProperty("account").GetString());
        Assert.False(onTime.GetProperty("late").GetBoolean());
        Assert.True(later.GetProperty("late").GetBoolean());
        Assert.Contains(later.GetProperty("reasons").EnumerateArray(), r =>
            r.GetString()!.Contains("has not started after", StringComparison.Ordinal)
            && r.GetString()!.Contains("no job server is running", StringComparison.Ordinal));
    }
}
