using Npgsql;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The columns the read API selects and how a row becomes a DTO, masked unless <c>pii</c>.</summary>
internal static class OrderRows
{
    public const string OrderColumns = """
        o.id, o.uniqid, o.event_id, o.payed, o.payed_at, o.deleted_at, o.created_at, o.updated_at, o.client_id,
        o.client_email, o.client_phone, o.client_name, o.client_surname, o.client_middlename, o.price,
        o.original_price, o.currency_id, o.promo_code_id, o.discount_id, o.payment_type_id, o.site_host,
        o.reserved, o.synced_at, o.last_source, o.upstream_missing_at, o.account_id, acc.name
        """;

    /// <summary>Orders with their account's name, for <see cref="OrderColumns"/>.</summary>
    public const string OrdersFrom = "qtickets_orders o JOIN accounts acc ON acc.id = o.account_id";

    public const string BasketColumns = """
        b.id, b.barcode, b.show_id, b.seat_id, b.price, b.original_price, b.discount_value, b.quantity,
        b.client_email, b.client_phone, b.client_name, b.client_surname, b.client_middlename, b.checked_at,
        b.deleted_at, b.refunded_at, b.refunded_amount, b.vanished_at, b.order_id
        """;

    public static OrderDto ReadOrder(NpgsqlDataReader r, bool pii) => new()
    {
        Id = r.GetInt64(0),
        Uniqid = Text(r, 1),
        EventId = r.GetInt64(2),
        Paid = r.GetBoolean(3),
        PaidAt = Instant(r, 4),
        Cancelled = !r.IsDBNull(5),
        CancelledAt = Instant(r, 5),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(7),
        ClientId = Long(r, 8),
        ClientEmail = pii ? Text(r, 9) : PiiMask.Email(Text(r, 9)),
        ClientPhone = pii ? Text(r, 10) : PiiMask.Phone(Text(r, 10)),
        ClientName = pii ? Text(r, 11) : PiiMask.Name(Text(r, 11)),
        ClientSurname = pii ? Text(r, 12) : PiiMask.Name(Text(r, 12)),
        ClientMiddlename = pii ? Text(r, 13) : PiiMask.Name(Text(r, 13)),
        Price = r.GetDecimal(14),
        OriginalPrice = r.GetDecimal(15),
        CurrencyId = Text(r, 16),
        PromoCodeId = Long(r, 17),
        DiscountId = Long(r, 18),
        PaymentTypeId = Text(r, 19),
        SiteHost = Text(r, 20),
        Reserved = r.GetBoolean(21),
        SyncedAt = r.GetFieldValue<DateTimeOffset>(22),
        LastSource = r.GetString(23),
        UpstreamMissingAt = Instant(r, 24),
        AccountId = r.GetInt32(25),
        Account = r.GetString(26),
    };

    /// <summary>Reads the basket columns starting at <paramref name="at"/>.</summary>
    public static BasketDto ReadBasket(NpgsqlDataReader r, int at, bool pii) => new()
    {
        Id = r.GetInt64(at),
        Barcode = Text(r, at + 1),
        ShowId = Long(r, at + 2),
        SeatId = Text(r, at + 3),
        Price = r.GetDecimal(at + 4),
        OriginalPrice = r.GetDecimal(at + 5),
        DiscountValue = r.IsDBNull(at + 6) ? null : r.GetDecimal(at + 6),
        Quantity = r.GetInt32(at + 7),
        ClientEmail = pii ? Text(r, at + 8) : PiiMask.Email(Text(r, at + 8)),
        ClientPhone = pii ? Text(r, at + 9) : PiiMask.Phone(Text(r, at + 9)),
        ClientName = pii ? Text(r, at + 10) : PiiMask.Name(Text(r, at + 10)),
        ClientSurname = pii ? Text(r, at + 11) : PiiMask.Name(Text(r, at + 11)),
        ClientMiddlename = pii ? Text(r, at + 12) : PiiMask.Name(Text(r, at + 12)),
        CheckedAt = Instant(r, at + 13),
        DeletedAt = Instant(r, at + 14),
        RefundedAt = Instant(r, at + 15),
        RefundedAmount = r.IsDBNull(at + 16) ? null : r.GetDecimal(at + 16),
        VanishedAt = Instant(r, at + 17),
    };

    public static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? Long(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static DateTimeOffset? Instant(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
