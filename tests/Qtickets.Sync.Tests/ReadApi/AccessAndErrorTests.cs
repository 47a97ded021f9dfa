using System.Net;
using System.Text.Json;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>A host with one more key that carries no scope, to be refused with 403.</summary>
public sealed class ScopelessKeyFactory : SyncApiFactory
{
    public const string ScopelessKey = "test-scopeless-key-0123456789";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Auth:ApiKeys:3:Key"] = ScopelessKey,
        ["Auth:ApiKeys:3:Scopes"] = "",
    };
}

public class AccessAndErrorTests(ScopelessKeyFactory factory) : IClassFixture<ScopelessKeyFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SyncApiFactory.ReadKey, false)]
    [InlineData(SyncApiFactory.PiiKey, true)]
    [InlineData(SyncApiFactory.AdminKey, true)]
    public async Task Contact_details_are_masked_unless_the_key_has_read_pii(string key, bool clear)
    {
        var order = Order(50, T0, baskets: [Ticket(100)]);
        order.ClientEmail = "username@gmail.com";
        order.ClientPhone = "+79100000000";
        // The platform's own payload carries the ticket holder's details too; include=raw must mask them alike.
        order.Raw = $$"""{"id":{{order.Id}},"client_email":"username@gmail.com","baskets":[{"client_email":"holder@example.com","client_phone":"+79109876543"}]}""";
        await SaveAsync(factory, order);
        using var client = factory.CreateClient(key);

        var single = await GetJsonAsync(client, $"/api/v1/orders/{order.Id}?include=raw");
        var listed = (await GetJsonAsync(client, $"/api/v1/orders?event_id=50&include=raw")).GetProperty("items")[0];
        var ticketsOrder = (await GetJsonAsync(client, $"/api/v1/tickets/{order.Baskets[0].Barcode}")).GetProperty("order");

        foreach (var o in new[] { single, listed, ticketsOrder })
        {
            Assert.Equal(clear ? "username@gmail.com" : "u***@gmail.com", o.GetProperty("customerEmail").GetString());
            Assert.Equal(clear ? "+79100000000" : "+7910*****00", o.GetProperty("customerPhone").GetString());
            Assert.Equal(clear ? "Иван Петров" : "И.", o.GetProperty("customerName").GetString());
        }
        foreach (var o in new[] { single, listed })
        {
            var fields = o.GetProperty("platformFields");
            Assert.Equal(clear ? "username@gmail.com" : "u***@gmail.com", fields.GetProperty("client_email").GetString());
            var holder = fields.GetProperty("baskets")[0];
            Assert.Equal(clear ? "holder@example.com" : "h***@example.com", holder.GetProperty("client_email").GetString());
            Assert.Equal(clear ? "+79109876543" : "+7910*****43", holder.GetProperty("client_phone").GetString());
        }
    }

    [Theory]
    [InlineData(SyncApiFactory.ReadKey, HttpStatusCode.Forbidden)]
    [InlineData(SyncApiFactory.PiiKey, HttpStatusCode.OK)]
    public async Task Finding_orders_by_e_mail_needs_read_pii(string key, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(key);

        using var response = await client.GetAsync(new Uri("/api/v1/orders?client_email=someone%40example.org", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/orders/1")]
    [InlineData("/api/v1/tickets/x")]
    [InlineData("/api/v1/events")]
    [InlineData("/api/v1/sales/daily")]
    [InlineData("/api/v1/sync/status")]
    public async Task Without_a_key_the_answer_is_401_and_with_a_scopeless_key_403_both_as_problems(string url)
    {
        using var anonymous = factory.CreateClient();
        using var scopeless = factory.CreateClient(ScopelessKeyFactory.ScopelessKey);

        var unauthorized = await GetProblemAsync(anonymous, url, HttpStatusCode.Unauthorized);
        var forbidden = await GetProblemAsync(scopeless, url, HttpStatusCode.Forbidden);

        Assert.Equal(401, unauthorized.GetProperty("status").GetInt32());
        Assert.Equal(403, forbidden.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_order_ticket_and_event_are_404_problems()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var order = await GetProblemAsync(client, "/api/v1/orders/987654321", HttpStatusCode.NotFound);
        await GetProblemAsync(client, "/api/v1/tickets/NO-SUCH-BARCODE", HttpStatusCode.NotFound);
        await GetProblemAsync(client, "/api/v1/events/987654321", HttpStatusCode.NotFound);

        Assert.Contains("987654321", order.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/orders?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/orders?cursor=AAAA", "cursor")]
    // A cursor of the list's first order (2024-06-01, account "default", qtickets, 42), issued before the order
    // became (created_at, platform, account id, id): a bookmark of it must fail loudly, not skip or repeat orders.
    [InlineData("/api/v1/orders?cursor=AAYZyMgCIABkZWZhdWx0CnF0aWNrZXRzCjQy", "cursor")]
    [InlineData("/api/v1/orders?limit=0", "limit")]
    [InlineData("/api/v1/orders?limit=501", "limit")]
    [InlineData("/api/v1/orders?paid=maybe", "paid")]
    [InlineData("/api/v1/orders?platform=vkontakte", "platform")]
    [InlineData("/api/v1/orders?status=sold", "status")]
    [InlineData("/api/v1/orders?cancelled=true", "cancelled")]
    [InlineData("/api/v1/orders?promo_code_id=7", "promo_code_id")]
    [InlineData("/api/v1/orders?created_from=yesterday", "created_from")]
    [InlineData("/api/v1/orders?paid_from=2024-02-01T00:00:00Z&paid_to=2024-01-01T00:00:00Z", "paid_to")]
    [InlineData("/api/v1/orders?include=everything", "include")]
    [InlineData("/api/v1/orders?format=xml", "format")]
    [InlineData("/api/v1/sales/daily?tz=Mars/Olympus", "tz")]
    [InlineData("/api/v1/sales/daily?tz=Russian%20Standard%20Time", "tz")]
    // .NET reads this tz file, PostgreSQL does not know the name: still a 400, not a 500 from the query.
    [InlineData("/api/v1/sales/daily?tz=right/Europe/Moscow", "tz")]
    [InlineData("/api/v1/sales/daily?from=2024-13-01", "from")]
    [InlineData("/api/v1/sales/daily?from=2024-02-01&to=2024-01-01", "to")]
    public async Task Bad_input_is_a_400_validation_problem_naming_the_field(string url, string field)
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var problem = await GetProblemAsync(client, url, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Equal(JsonValueKind.Array, messages.ValueKind);
    }
}
