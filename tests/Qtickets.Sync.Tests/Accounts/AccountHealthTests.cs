using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Ticketscloud;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>
/// Readiness and the sync status judge each account on its own: a fresh Ticketscloud account never hides a
/// stale QTickets one.
/// </summary>
public sealed class AccountHealthTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    [Fact]
    public async Task A_stale_account_degrades_readiness_by_name_while_a_fresh_one_stays_trustworthy()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.CreateDbContext())
        {
            db.SyncRuns.AddRange(
                Succeeded(global::Qtickets.Sync.Domain.Accounts.Account.DefaultId, now.AddHours(-2)),
                Succeeded(factory.AccountId, now.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var ready = (await GetJsonAsync(client, "/health/ready")).GetProperty("checks").GetProperty("reconcile");

        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        var description = ready.GetProperty("description").GetString()!;
        Assert.Matches(@"^Reconcile is behind for account default: The last successful incremental reconcile finished 0[12]:\d\d:\d\d ago \(limit 00:30:00\)\.$", description);
        Assert.DoesNotContain(TicketscloudFactory.AccountName, description, StringComparison.Ordinal);
        Assert.Equal("fresh", ready.GetProperty("data").GetProperty(TicketscloudFactory.AccountName).GetString());

        var status = await GetJsonAsync(client, "/api/v1/sync/status");
        var accounts = status.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!);
        Assert.Contains(Reasons(accounts["default"]), r => r.StartsWith("The last successful incremental reconcile finished 0", StringComparison.Ordinal));
        Assert.DoesNotContain(Reasons(accounts[TicketscloudFactory.AccountName]), r => r.Contains("reconcile", StringComparison.Ordinal));

        // Once the stale account runs again, readiness is whole.
        await using (var db = factory.CreateDbContext())
        {
            db.SyncRuns.Add(Succeeded(global::Qtickets.Sync.Domain.Accounts.Account.DefaultId, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var healed = (await GetJsonAsync(client, "/health/ready")).GetProperty("checks").GetProperty("reconcile");
        Assert.Equal("Healthy", healed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_account_reports_the_schedule_of_its_own_platforms_incremental_job()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var status = await GetJsonAsync(client, "/api/v1/sync/status");
        var accounts = status.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!);

        using var connection = factory.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        foreach (var (account, job) in new[] { ("default", "reconcile-incremental:default"), (TicketscloudFactory.AccountName, $"ticketscloud-incremental:{TicketscloudFactory.AccountName}") })
        {
            var due = accounts[account].GetProperty("nextIncrementalDueAt").GetDateTimeOffset();
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(jobs[job].NextExecution!.Value, DateTimeKind.Utc)), due);
        }
    }

    private static IEnumerable<string> Reasons(JsonElement account) =>
        account.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!);

    private static SyncRun Succeeded(int accountId, DateTimeOffset finished) => new()
    {
        AccountId = accountId,
        Kind = SyncRunKinds.Incremental,
        Status = SyncRunStatuses.Succeeded,
        StartedAt = finished.AddSeconds(-5),
        FinishedAt = finished,
    };
}
