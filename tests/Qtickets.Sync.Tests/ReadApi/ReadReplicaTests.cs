using System.Text.Json;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>
/// <c>ConnectionStrings:PostgresReadOnly</c> against a real streaming replica: the read API serves what the replica
/// has replayed (pausing replay freezes its answers while the primary moves on), and the sync status shows the lag.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly StreamingReplica cluster = new();
    private ReplicaApiFactory? factory;

    private ReplicaApiFactory Factory => factory ?? throw new InvalidOperationException("Started in InitializeAsync.");

    public async Task InitializeAsync()
    {
        await cluster.InitializeAsync();
        factory = new ReplicaApiFactory(cluster);
        factory.UseDatabase(cluster.PrimaryConnectionString);
        await factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task The_read_api_serves_what_the_replica_replayed_and_the_status_shows_how_far_behind_it_is()
    {
        using var client = Factory.CreateClient(SyncApiFactory.ReadKey);
        var first = Order(71, T0, baskets: [Ticket(700)]);
        await SaveAsync(Factory, first);

        await UntilAsync(async () => Ids(await GetJsonAsync(client, "/api/v1/orders?event_id=71")).Contains(first.Id));
        var streaming = await ReplicaStatusAsync(client);
        Assert.Equal("streaming", streaming.Replica.GetProperty("state").GetString());
        Assert.DoesNotContain(streaming.Reasons, r => r.Contains("replica", StringComparison.Ordinal));

        await cluster.PauseReplayAsync(true);
        var second = Order(71, T0.AddMinutes(5), baskets: [Ticket(900)]);
        await SaveAsync(Factory, second);

        // The primary holds the second order; the API, reading the paused replica, does not see it yet.
        Assert.Equal([first.Id], Ids(await GetJsonAsync(client, "/api/v1/orders?event_id=71")));
        await GetProblemAsync(client, $"/api/v1/orders/{second.Id}", System.Net.HttpStatusCode.NotFound);
        var paused = await ReplicaStatusAsync(client);
        Assert.Equal("paused", paused.Replica.GetProperty("state").GetString());
        Assert.True(paused.Replica.GetProperty("lagBytes").GetInt64() > 0, paused.Replica.ToString());
        Assert.Contains(paused.Reasons, r => r.Contains("Replay is paused on the read replica", StringComparison.Ordinal));

        await cluster.PauseReplayAsync(false);
        await UntilAsync(async () => Ids(await GetJsonAsync(client, "/api/v1/orders?event_id=71")).Contains(second.Id));
        await UntilAsync(async () => (await ReplicaStatusAsync(client)).Replica.GetProperty("lagBytes").GetInt64() == 0);
        var caughtUp = await ReplicaStatusAsync(client);
        Assert.Equal(("streaming", 0d), (caughtUp.Replica.GetProperty("state").GetString(), caughtUp.Replica.GetProperty("lagSeconds").GetDouble()));
        Assert.Equal(900m, (await GetJsonAsync(client, $"/api/v1/orders/{second.Id}")).GetProperty("total").GetDecimal());
    }

    private static async Task<(JsonElement Replica, List<string> Reasons)> ReplicaStatusAsync(HttpClient client)
    {
        var status = await GetJsonAsync(client, "/api/v1/sync/status");
        return (status.GetProperty("readReplica"), [.. status.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)]);
    }

    /// <summary>Replay is asynchronous: polls the condition, with a deadline.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica did not catch up within 30 s");
            await Task.Delay(50);
        }
    }

    private sealed class ReplicaApiFactory(StreamingReplica cluster) : SyncApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["ConnectionStrings:PostgresReadOnly"] = cluster.ReplicaConnectionString,
        };
    }
}
