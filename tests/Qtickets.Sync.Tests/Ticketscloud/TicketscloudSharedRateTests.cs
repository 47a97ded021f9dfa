using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// Two instances reading one Ticketscloud account share its <c>RequestsPerSecond</c>, as QTickets' instances do: the
/// account's rate is a ceiling for them together, not for each.
/// </summary>
public sealed class TicketscloudSharedRateTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private const int Rate = 5;

    [Fact]
    public async Task Requests_of_one_account_from_two_instances_together_keep_to_the_accounts_rate()
    {
        var sent = new ConcurrentQueue<DateTimeOffset>();
        await using var first = Instance(sent);
        await using var second = Instance(sent);
        var account = new TicketscloudAccount(new Uri("https://ticketscloud.com/"), "key", "Europe/Moscow", factory.AccountId);

        // Six listings each, one request apiece (an empty page ends a walk): twelve requests of the account.
        await Task.WhenAll(new[] { first, second }.SelectMany(instance => Enumerable.Range(0, 6).Select(_ => ListAsync(instance, account))));

        var times = sent.Order().ToList();
        Assert.Equal(12, times.Count);
        // At 5/s the tenth request goes no earlier than 1.8 s after the first. Each instance's own limiter lets a
        // burst of five through at once, so without the shared slot the two would send ten together.
        Assert.True(times[9] - times[0] >= TimeSpan.FromSeconds(1.8) - TimeSpan.FromMilliseconds(50),
            $"ten requests within {(times[9] - times[0]).TotalMilliseconds:0} ms: more than {Rate}/s for the account");
    }

    private ServiceProvider Instance(ConcurrentQueue<DateTimeOffset> sent)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ticketscloud:RequestsPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(_ => NpgsqlDataSource.Create(factory.ConnectionString));
        services.AddSingleton<SharedRateGate>();
        services.AddTicketscloudClient(configuration);
        services.AddHttpClient(TicketscloudClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new EmptyPages(sent));
        return services.BuildServiceProvider();
    }

    private static async Task ListAsync(ServiceProvider instance, TicketscloudAccount account)
    {
        var query = new TicketscloudListQuery(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow);
        await foreach (var _ in instance.GetRequiredService<ITicketscloudClient>().ListOrdersAsync(account, query, CancellationToken.None))
        {
        }
    }

    /// <summary>Answers every listing with an empty page, noting when each request left the instance.</summary>
    private sealed class EmptyPages(ConcurrentQueue<DateTimeOffset> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(DateTimeOffset.UtcNow);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("{\"data\":[],\"refs\":{}}", Encoding.UTF8, "application/json"),
            });
        }
    }
}
