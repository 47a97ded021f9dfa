using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The real QTickets client (with its retry pipeline) under the jobs, only the network scripted.</summary>
public sealed class RealClientFactory : SyncApiFactory
{
    internal ScriptedHandler Network { get; } = new(TimeProvider.System);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qtickets:RequestsPerSecond"] = "0";
            settings["Qtickets:RetryBaseDelay"] = "00:00:00.010";
            settings["Reconcile:InitialHorizonHours"] = "87000";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(QticketsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Network));
    }
}

public sealed class UpstreamFailureTests(RealClientFactory factory) : IClassFixture<RealClientFactory>
{
    private async Task<SyncRun> LastRun()
    {
        await using var db = factory.CreateDbContext();
        return await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
    }

    [Fact]
    public async Task Busy_upstream_answers_are_retried_by_the_client_and_the_run_then_succeeds_while_a_rejected_token_fails_it_at_once()
    {
        factory.Network
            .ThenJson(HttpStatusCode.ServiceUnavailable, """{"error":"Unknown error","status":503,"code":"UNKNOWN_ERROR"}""")
            .ThenJson(HttpStatusCode.TooManyRequests, """{"error":"Too many requests","status":429}""")
            .ThenOk(QticketsJson.OrdersPage(9_000_001))
            .ThenOk(QticketsJson.OrdersPage());
        var jobs = factory.GetRequiredService<ReconcileJobs>();

        var status = await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        // Without paging, only an empty page ends the listing.
        Assert.Equal(4, factory.Network.Requests.Count);
        var succeeded = await LastRun();
        // The account's first run loads its history: the order is inserted, which is not a gap healed.
        Assert.Equal((1, 0), (succeeded.OrdersInserted, succeeded.GapsHealed));

        factory.Network.ThenJson(HttpStatusCode.Unauthorized, """{"error":"Unauthorized","status":401}""");

        Assert.IsType<QticketsAuthException>((await Assert.ThrowsAsync<PermanentRunFailureException>(() => jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None))).InnerException);

        Assert.Equal(5, factory.Network.Requests.Count);
        var failed = await LastRun();
        Assert.Equal(SyncRunStatuses.Failed, failed.Status);
        Assert.StartsWith("QTickets rejected the token (HTTP 401)", failed.Error);
    }
}
