using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Tests.Commands;

/// <summary>
/// The sync clients stay read-only; the command clients may send only the documented order write endpoints and
/// the read of one order. Refused requests never leave the process.
/// </summary>
public class WriteGuardTests
{
    private sealed class Reached : HttpMessageHandler
    {
        public int Count { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }

    private static async Task<(bool Sent, int Reached)> SendAsync(DelegatingHandler guard, HttpMethod method, string url)
    {
        var inner = new Reached();
        guard.InnerHandler = inner;
        using var invoker = new HttpMessageInvoker(guard);
        try
        {
            using var response = await invoker.SendAsync(new HttpRequestMessage(method, url), CancellationToken.None);
            return (true, inner.Count);
        }
        catch (InvalidOperationException)
        {
            return (false, inner.Count);
        }
    }

    [Theory]
    [InlineData("DELETE", "https://qtickets.ru/api/rest/v1/orders/4360/baskets")]
    [InlineData("POST", "https://qtickets.ru/api/rest/v1/orders/4360/restore")]
    [InlineData("PUT", "https://qtickets.ru/api/rest/v1/baskets/140844")]
    public async Task The_sync_client_refuses_even_the_write_endpoints_the_command_client_may_use(string method, string url)
    {
        Assert.Equal((false, 0), await SendAsync(new ReadOnlyGuardHandler("QTickets"), new HttpMethod(method), url));
    }

    [Theory]
    [InlineData("DELETE", "https://qtickets.ru/api/rest/v1/orders/4360/baskets", true)]
    [InlineData("POST", "https://qtickets.ru/api/rest/v1/orders/4360/restore", true)]
    [InlineData("PUT", "https://qtickets.ru/api/rest/v1/baskets/140844", true)]
    [InlineData("GET", "https://qtickets.ru/api/rest/v1/orders/4360", true)]
    [InlineData("POST", "https://qtickets.ru/api/rest/v1/orders", false)]
    [InlineData("GET", "https://qtickets.ru/api/rest/v1/orders?page=1", false)]
    [InlineData("POST", "https://qtickets.ru/api/rest/v1/shows/5/barcode/123", false)]
    [InlineData("PUT", "https://qtickets.ru/api/rest/v1/events/1240", false)]
    [InlineData("DELETE", "https://qtickets.ru/api/rest/v1/orders/4360", false)]
    public async Task The_qtickets_command_client_sends_only_the_documented_order_writes(string method, string url, bool allowed)
    {
        Assert.Equal(allowed ? (true, 1) : (false, 0), await SendAsync(new QticketsWriteAllowList(), new HttpMethod(method), url));
    }

    [Theory]
    [InlineData("PATCH", "https://ticketscloud.com/v2/resources/orders/5bacf64ea0eb2f000c45160a", true)]
    [InlineData("GET", "https://ticketscloud.com/v2/resources/orders/5bacf64ea0eb2f000c45160a", true)]
    [InlineData("POST", "https://ticketscloud.com/v2/resources/orders", false)]
    [InlineData("POST", "https://ticketscloud.com/v2/resources/orders/export", false)]
    [InlineData("GET", "https://ticketscloud.com/v2/resources/orders?page=1", false)]
    [InlineData("DELETE", "https://ticketscloud.com/v2/resources/orders/5bacf64ea0eb2f000c45160a", false)]
    public async Task The_ticketscloud_command_client_sends_only_the_order_patch(string method, string url, bool allowed)
    {
        Assert.Equal(allowed ? (true, 1) : (false, 0), await SendAsync(new TicketscloudWriteAllowList(), new HttpMethod(method), url));
    }
}
