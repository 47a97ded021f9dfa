using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The database of this class's host goes away and comes back; the tests own it, so no one else notices.</summary>
public sealed class OutageWebhookFactory : WebhookApiFactory;

public class WebhookOutageTests(OutageWebhookFactory factory) : IClassFixture<OutageWebhookFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_the_database_is_down_deliveries_get_503_and_none_answered_200_is_lost()
    {
        var answers = new ConcurrentQueue<(OrderPayload Order, HttpStatusCode Status, long? DeliveryId)>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var order = OrderPayload.New();
                using var response = await factory.PostWebhookAsync(order.ToString());
                answers.Enqueue((order, response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await response.DeliveryIdAsync() : null));
            }
        })).ToArray();

        try
        {
            await WaitUntil(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= 20);
            await SetConnectionsAllowedAsync(false);
            await WaitUntil(() => answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable) >= 20);
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }
        var okBeforeRecovery = answers.Count(a => a.Status == HttpStatusCode.OK);
        await WaitUntil(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= okBeforeRecovery + 20);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {a.Status}"));
        var accepted = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        await using (var db = factory.CreateDbContext())
        {
            var acceptedIds = accepted.Select(a => a.DeliveryId!.Value).ToList();
            var stored = await db.WebhookDeliveries.Where(d => acceptedIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.OrderId);
            Assert.All(accepted, a => Assert.Equal(a.Order.Id, stored[a.DeliveryId!.Value]));
        }

        // QTickets retries what got 503; once it is through, every order reaches the mirror.
        foreach (var refused in answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            using var retry = await factory.PostWebhookAsync(refused.Order.ToString());
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }
        await factory.ApplyAsync();
        await using (var db = factory.CreateDbContext())
        {
            var orderIds = answers.Select(a => a.Order.Id).ToList();
            Assert.Equal(orderIds.Count, await db.Orders.CountAsync(o => orderIds.Contains(o.Id)));
        }
    }

    [Fact]
    public async Task A_503_is_a_problem_document()
    {
        try
        {
            await SetConnectionsAllowedAsync(false);
            using var response = await factory.PostWebhookAsync(OrderPayload.New().ToString());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }
    }

    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var database = new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database;
        await using var admin = new NpgsqlConnection(await PostgresServer.GetAdminConnectionStringAsync());
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", admin);
        await alter.ExecuteNonQueryAsync();
        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", admin);
            terminate.Parameters.AddWithValue("database", database!);
            await terminate.ExecuteNonQueryAsync();
        }
        else
        {
            // The test's own pooled connections died too; the host's data source has to recover by itself.
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(10);
        }
    }
}
