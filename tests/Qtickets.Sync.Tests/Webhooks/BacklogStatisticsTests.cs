using System.Net;
using Npgsql;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>A backlog of 30 deliveries or more, worked off in batches of 10, four of them at once.</summary>
public sealed class SmallBacklogWebhookFactory : WebhookApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:AnalyzeAfterBacklog"] = "30",
        ["Webhooks:ApplyBatchSize"] = "10",
        ["Webhooks:ApplyConcurrency"] = "4",
    };
}

/// <summary>
/// Working off a backlog leaves a table of applied rows behind statistics that still say "pending"; the applier
/// has them refreshed at once instead of leaving every status query to a full scan until autovacuum comes.
/// </summary>
public class BacklogStatisticsTests(SmallBacklogWebhookFactory factory) : IClassFixture<SmallBacklogWebhookFactory>
{
    [Fact]
    public async Task A_backlog_worked_off_is_followed_by_fresh_statistics_and_steady_flow_is_not()
    {
        var before = await AnalyzeCountAsync();

        await PostAsync(40);
        Assert.Equal(40, await factory.ApplyAsync());
        var afterBacklog = await AnalyzeCountAsync();

        await PostAsync(5);
        Assert.Equal(5, await factory.ApplyAsync());
        var afterSteadyFlow = await AnalyzeCountAsync();

        Assert.Equal(before + 1, afterBacklog);
        Assert.Equal(afterBacklog, afterSteadyFlow);
    }

    private async Task PostAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await factory.PostWebhookAsync(OrderPayload.New().ToString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>ANALYZE runs that were asked for, as opposed to autovacuum's own (autoanalyze_count).</summary>
    private async Task<long> AnalyzeCountAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'webhook_deliveries'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
