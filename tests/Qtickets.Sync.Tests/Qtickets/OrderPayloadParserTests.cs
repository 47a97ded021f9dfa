using System.Text;
using System.Text.Json;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Qtickets;

public sealed class OrderPayloadParserTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Fact]
    public void Seed_order_4360_maps_to_its_documented_values()
    {
        var order = OrderPayloadParser.Parse(BareSeedOrder());

        Assert.Equal(4360, order.Id);
        Assert.Equal("z7rkjcV2BV", order.Uniqid);
        Assert.True(order.Payed);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 12, 50, 52, Moscow), order.PayedAt);
        Assert.Equal(Moscow, order.PayedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 12, 50, 36, Moscow), order.CreatedAt);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 12, 50, 52, Moscow), order.UpdatedAt);
        Assert.Equal(order.UpdatedAt, order.SourceUpdatedAt);
        Assert.Null(order.DeletedAt);
        Assert.Equal(235, order.ClientId);
        Assert.Equal("username@gmail.com", order.ClientEmail);
        Assert.Equal("Иван", order.ClientName);
        Assert.Equal("Петров", order.ClientSurname);
        Assert.Null(order.ClientMiddlename);
        Assert.Equal("+79100000000", order.ClientPhone);
        Assert.Equal(16, order.SiteId);
        Assert.Equal("qtickets.ru", order.SiteHost);
        Assert.Equal(36, order.PaymentId);
        Assert.Equal("bankcard", order.PaymentTypeId);
        Assert.Equal("https://qtickets.ru/pay/z7rkjcV2BV", order.PaymentUrl);
        Assert.Equal(2111, order.BasketUserId);
        Assert.Null(order.BackendUserId);
        Assert.False(order.Reserved);
        Assert.Equal(new DateTimeOffset(2019, 7, 31, 12, 50, 36, Moscow), order.ReservedTo);
        Assert.False(order.ReserveExtended);
        Assert.Equal(33, order.EventId);
        Assert.Equal(800m, order.Price);
        Assert.Equal(800m, order.OriginalPrice);
        Assert.Equal("RUB", order.CurrencyId);
        Assert.Null(order.Utm);
        Assert.Equal("""{"var1":"val1","var2":"val2"}""", Compact(order.Custom));
        Assert.Equal("""{"organization_name":"ИП Петров"}""", Compact(order.Fields));
        Assert.Equal("""{"roistat":{"roistat_visit":"100018"}}""", Compact(order.Integrations));
        Assert.Contains("roistat_visit", order.Raw, StringComparison.Ordinal);
        Assert.Equal(1, order.SourceProgress);

        Assert.Equal([63993L, 63994L, 63995L], order.Baskets.Select(b => b.Id));
        Assert.Equal([150m, 150m, 500m], order.Baskets.Select(b => b.Price));
        Assert.Equal(["877076325904", "877344688530", "875606411179"], order.Baskets.Select(b => b.Barcode));
        Assert.Equal(["CENTER_PARTERRE-21;12", "CENTER_PARTERRE-21;11", "CENTER_BALCONY-1;14"], order.Baskets.Select(b => b.SeatId));
        Assert.All(order.Baskets, basket =>
        {
            Assert.Equal(4360, basket.OrderId);
            Assert.Equal(41, basket.ShowId);
            Assert.Equal(1, basket.Quantity);
            Assert.Equal("Петрович", basket.ClientMiddlename);
            Assert.Equal(order.UpdatedAt, basket.SourceUpdatedAt);
            Assert.Null(basket.RefundedAt);
            Assert.Empty(basket.RelatedBaskets);
        });
        var first = order.Baskets[0];
        Assert.Equal(150m, first.OriginalPrice);
        Assert.Null(first.DiscountValue);
        Assert.Equal("https://qtickets.ru/ticket/pdf/FepllFLDqE/82db24e13831066dc792c265eec243fd", first.PdfUrl);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 12, 49, 47, Moscow), first.CreatedAt);
        Assert.Contains("\"id\":63993", first.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_is_the_order_text_exactly_as_received()
    {
        var bare = BareSeedOrder();

        var order = OrderPayloadParser.Parse(bare);

        Assert.Equal(Encoding.UTF8.GetString(bare), order.Raw);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("\"1\"", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("\"0\"", false)]
    public void Reserved_accepts_numbers_booleans_and_numeric_strings(string json, bool expected)
    {
        var order = Parse($$"""{{MinimalOrder}},"reserved":{{json}},"payed":{{json}}}""");

        Assert.Equal(expected, order.Reserved);
        Assert.Equal(expected, order.Payed);
    }

    [Fact]
    public void Empty_arrays_where_objects_are_documented_read_as_absent()
    {
        var order = Parse($$"""{{MinimalOrder}},"utm":[],"custom":[],"fields":[],"integrations":[],"client":[],"site":[]}""");

        Assert.Null(order.Utm);
        Assert.Null(order.Custom);
        Assert.Null(order.Fields);
        Assert.Null(order.Integrations);
        Assert.Null(order.ClientEmail);
        Assert.Null(order.SiteHost);
    }

    [Fact]
    public void Utm_object_is_kept_as_its_exact_json()
    {
        var order = Parse($$$"""{{{MinimalOrder}}},"utm":{"utm_source":"vk", "utm_campaign":"осень"}}""");

        Assert.Equal("""{"utm_source":"vk", "utm_campaign":"осень"}""", order.Utm);
    }

    [Theory]
    [InlineData("150", "150")]
    [InlineData("150.5", "150.5")]
    [InlineData("\"150.50\"", "150.50")]
    [InlineData("1e2", "100")]
    [InlineData("9007199254740993.01", "9007199254740993.01")]
    public void Prices_are_read_exactly_into_decimal(string json, string expected)
    {
        var order = Parse($$"""{{MinimalOrder}},"price":{{json}},"baskets":[{"id":1,"price":{{json}},"refunded_amount":{{json}}}]}""");

        var value = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(value, order.Price);
        Assert.Equal(value, order.Baskets[0].Price);
        Assert.Equal(value, order.Baskets[0].RefundedAmount);
    }

    [Fact]
    public void Unknown_fields_are_preserved_in_raw()
    {
        var order = Parse($$$"""{{{MinimalOrder}}},"refunded_baskets":[63993],"future":{"nested":[1,2.50,"x"]}}""");

        Assert.Contains("\"refunded_baskets\":[63993]", order.Raw, StringComparison.Ordinal);
        Assert.Contains("\"future\":{\"nested\":[1,2.50,\"x\"]}", order.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_date_strings_read_as_null_and_offsets_are_kept()
    {
        var order = Parse($$"""{{MinimalOrder}},"payed_at":"","deleted_at":"2025-11-02T01:02:03+05:00"}""");

        Assert.Null(order.PayedAt);
        Assert.Equal(TimeSpan.FromHours(5), order.DeletedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 1, 2, 3, TimeSpan.FromHours(5)), order.DeletedAt);
    }

    [Fact]
    public void A_date_without_offset_is_not_guessed()
    {
        var order = Parse($$"""{{MinimalOrder}},"payed_at":"2025-11-02T01:02:03"}""");

        Assert.Null(order.PayedAt);
    }

    [Fact]
    public void An_offset_whose_plus_sign_is_escaped_is_still_an_offset()
    {
        var order = Parse($$"""{{MinimalOrder}},"payed_at":"2025-11-02T01:02:03\u002B03:00"}""");

        Assert.Equal(new DateTimeOffset(2025, 11, 2, 1, 2, 3, TimeSpan.FromHours(3)), order.PayedAt);
    }

    [Fact]
    public void Refunds_and_scans_count_towards_progress()
    {
        var order = Parse($$"""{{MinimalOrder}},"payed":1,"baskets":[{"id":1,"refunded_at":"2025-11-02T10:00:00+03:00","checked_at":"2025-11-02T09:00:00+03:00"}]}""");

        Assert.Equal(3, order.SourceProgress);
    }

    [Theory]
    [InlineData("""{"created_at":"2025-11-01T09:00:00+03:00","updated_at":"2025-11-01T10:00:00+03:00","event_id":1}""", "order id is missing")]
    [InlineData("""{"id":"abc","created_at":"2025-11-01T09:00:00+03:00","updated_at":"2025-11-01T10:00:00+03:00","event_id":1}""", "order id is missing")]
    [InlineData("""{"id":7,"created_at":"2025-11-01T09:00:00+03:00","updated_at":"","event_id":1}""", "updated_at is missing or not a date")]
    [InlineData("""{"id":7,"created_at":"2025-11-01T09:00:00+03:00","event_id":1}""", "updated_at is missing or not a date")]
    [InlineData("""[{"id":7}]""", "order is not a JSON object")]
    [InlineData("""<html>502 Bad Gateway</html>""", "body is not valid JSON")]
    [InlineData("""{"id":7,""", "body is not valid JSON")]
    [InlineData("", "body is not valid JSON")]
    public void Unusable_payloads_are_rejected_with_a_reason(string body, string reason)
    {
        var exception = Assert.Throws<OrderPayloadException>(() => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(reason, exception.Reason);
    }

    private const string MinimalOrder =
        """{"id":7,"created_at":"2025-11-01T09:00:00+03:00","updated_at":"2025-11-01T10:00:00+03:00","event_id":33""";

    private static global::Qtickets.Sync.Domain.Orders.Order Parse(string json) => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(json));

    internal static byte[] BareSeedOrder()
    {
        using var document = JsonDocument.Parse(SeedPayloads.Order4360Response);
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty("data").GetRawText());
    }

    private static string? Compact(string? json) =>
        json is null ? null : JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, CompactOptions);

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
