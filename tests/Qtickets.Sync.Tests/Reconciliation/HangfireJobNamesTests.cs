using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>What an operator reads on Hangfire's pages: which account a job is for, which run, and the way back.</summary>
public sealed class HangfireJobNamesTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    [Fact]
    public async Task A_run_asked_for_through_the_api_is_named_with_its_account_and_run()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        var queued = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = "full_sweep" });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var run = await queued.Content.ReadFromJsonAsync<JsonElement>();

        var page = await admin.GetStringAsync(new Uri($"/hangfire/jobs/details/{run.GetProperty("hangfireJobId").GetString()}", UriKind.Relative));

        Assert.Contains($"Full sweep of default (run {run.GetProperty("runId").GetInt64()})", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduled_jobs_name_their_account_and_no_empty_run()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var page = await admin.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.Contains("Incremental reconcile of default (scheduled)", page, StringComparison.Ordinal);
        Assert.Contains("Daily sales drift check of all accounts (scheduled)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("(run )", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_to_site_leads_to_the_service_dashboard()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var page = await admin.GetStringAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Contains("href=\"/dashboard\"", page, StringComparison.Ordinal);
    }
}
