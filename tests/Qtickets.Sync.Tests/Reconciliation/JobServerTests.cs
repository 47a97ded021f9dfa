using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The service with its in-process Hangfire server (role all); schedules pushed out of the way.</summary>
public sealed class JobServerFactory : SyncApiFactory
{
    protected override bool UsesFakeUpstream => true;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Jobs:Role"] = "all";
            settings["Reconcile:IncrementalCron"] = "0 0 31 2 *";
            settings["Reconcile:FullSweepCron"] = "0 0 31 2 *";
            settings["Reconcile:CatalogCron"] = "0 0 31 2 *";
            return settings;
        }
    }
}

public sealed class JobServerTests(JobServerFactory factory) : IClassFixture<JobServerFactory>
{
    /// <summary>The server runs the job on its own thread: poll the run the way a user would, with a deadline.</summary>
    private static async Task<JsonElement> PollUntilFinishedAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>(location);
            if (run.GetProperty("status").GetString() is not (SyncRunStatuses.Queued or SyncRunStatuses.Running) || DateTime.UtcNow > deadline)
            {
                return run;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_run_asked_for_through_the_api_is_executed_by_hangfire_and_can_be_polled_to_its_end()
    {
        factory.Upstream.Events.Add(new Event { Id = 77, Name = "Play", Raw = """{"id":77}""" });
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var response = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = SyncRunKinds.Catalog });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var run = await PollUntilFinishedAsync(admin, response.Headers.Location!);

        Assert.Equal(SyncRunStatuses.Succeeded, run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("pages").GetInt32());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("hangfireJobId").GetString()));
        await using var db = factory.CreateDbContext();
        Assert.Equal("Play", db.Events.Single(e => e.Id == 77).Name);
    }
}
