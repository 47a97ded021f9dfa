using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>Orders built for the read API tests, and small helpers to fetch and read its answers.</summary>
internal static class ReadApiData
{
    private static long nextId = 1_000_000;
    private static long nextBasketId = 5_000_000;

    public static long NewId() => Interlocked.Increment(ref nextId);

    public static Order Order(long eventId, DateTimeOffset createdAt, bool paid = true, DateTimeOffset? paidAt = null, params Basket[] baskets)
    {
        var id = NewId();
        var order = new Order
        {
            Id = id,
            Uniqid = $"u{id}",
            EventId = eventId,
            Payed = paid,
            PayedAt = paid ? paidAt ?? createdAt.AddMinutes(2) : null,
            CreatedAt = createdAt,
            UpdatedAt = (paidAt ?? createdAt).AddMinutes(3),
            ClientEmail = $"buyer{id}@example.com",
            ClientPhone = "+79101234567",
            ClientName = "Иван",
            ClientSurname = "Петров",
            Price = baskets.Sum(b => b.Price * b.Quantity),
            OriginalPrice = baskets.Sum(b => b.Price * b.Quantity),
            CurrencyId = "RUB",
            Raw = $$"""{"id":{{id}}}""",
            SourceUpdatedAt = createdAt,
            SyncedAt = createdAt,
        };
        foreach (var basket in baskets)
        {
            basket.OrderId = id;
            order.Baskets.Add(basket);
        }
        return order;
    }

    public static Basket Ticket(decimal price, long? showId = null, int quantity = 1) => new()
    {
        Id = Interlocked.Increment(ref nextBasketId),
        Barcode = $"BC{nextBasketId}",
        ShowId = showId,
        Price = price,
        OriginalPrice = price,
        Quantity = quantity,
        ClientEmail = "holder@example.com",
        ClientPhone = "+79109876543",
        ClientName = "Мария",
        Raw = "{}",
    };

    public static async Task SaveAsync(SyncApiFactory factory, params Order[] orders)
    {
        await using var db = factory.CreateDbContext();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetProblemAsync(HttpClient client, string url, System.Net.HttpStatusCode expected)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>The QTickets order ids of a page (the one read model gives every id as text).</summary>
    public static List<long> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(o => long.Parse(o.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture))];

    public static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
