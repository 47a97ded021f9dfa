using System.Buffers;
using System.Text.Json;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Turns a QTickets Order object (the body of a webhook, the <c>data</c> of <c>GET /orders/{id}</c>, one row
/// of <c>GET /orders</c>) into a domain <see cref="Order"/>. A caller that already holds the parsed document
/// (the webhook applier, the listing reader) maps its element with <see cref="Map"/> rather than parsing again.
/// Raw members are sliced from the received text, never re-serialized, so <see cref="Order.Raw"/> keeps every
/// field byte for byte.
/// </summary>
public static class OrderPayloadParser
{
    public static Order Parse(ReadOnlySpan<byte> utf8Json)
    {
        // JsonDocument needs memory it can index into; a pooled copy keeps a webhook body off the heap.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(utf8Json.Length, 1));
        try
        {
            utf8Json.CopyTo(buffer);
            using var document = ParseDocument(buffer.AsMemory(0, utf8Json.Length));
            return Map(document.RootElement);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static Order Map(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new OrderPayloadException("order is not a JSON object");
        }
        var id = JsonValues.Int64(json, "id") ?? throw new OrderPayloadException("order id is missing");
        var updatedAt = JsonValues.Date(json, "updated_at")
            ?? throw new OrderPayloadException("updated_at is missing or not a date");

        var order = new Order
        {
            Id = id,
            Uniqid = JsonValues.String(json, "uniqid"),
            Payed = JsonValues.Boolean(json, "payed") ?? false,
            PayedAt = JsonValues.Date(json, "payed_at"),
            CreatedAt = JsonValues.Date(json, "created_at")
                ?? throw new OrderPayloadException("created_at is missing or not a date"),
            UpdatedAt = updatedAt,
            DeletedAt = JsonValues.Date(json, "deleted_at"),
            SiteId = JsonValues.Int64(json, "site_id"),
            PaymentId = JsonValues.Int64(json, "payment_id"),
            PaymentTypeId = JsonValues.String(json, "payment_type_id"),
            PaymentCardNumber = JsonValues.String(json, "payment_card_number"),
            PaymentUrl = JsonValues.String(json, "payment_url"),
            CancelUrl = JsonValues.String(json, "cancel_url"),
            BasketUserId = JsonValues.Int64(json, "basket_user_id"),
            BackendUserId = JsonValues.Int64(json, "backend_user_id"),
            AccessCodeId = JsonValues.Int64(json, "access_code_id"),
            DiscountId = JsonValues.Int64(json, "discount_id"),
            PromoCodeId = JsonValues.Int64(json, "promo_code_id"),
            Reserved = JsonValues.Boolean(json, "reserved") ?? false,
            ReservedTo = JsonValues.Date(json, "reserved_to"),
            ReserveExtended = JsonValues.Boolean(json, "reserve_extended") ?? false,
            EventId = JsonValues.Int64(json, "event_id") ?? throw new OrderPayloadException("event_id is missing"),
            Price = JsonValues.Decimal(json, "price") ?? 0m,
            OriginalPrice = JsonValues.Decimal(json, "original_price") ?? 0m,
            CurrencyId = JsonValues.String(json, "currency_id"),
            Utm = JsonValues.RawObject(json, "utm"),
            Custom = JsonValues.RawObject(json, "custom"),
            Fields = JsonValues.RawObject(json, "fields"),
            Integrations = JsonValues.RawObject(json, "integrations"),
            Refunds = JsonValues.RawObject(json, "refunds"),
            Raw = json.GetRawText(),
            SourceUpdatedAt = updatedAt,
        };
        MapClient(json, order);
        if (JsonValues.TryGetObject(json, "site", out var site))
        {
            order.SiteHost = JsonValues.String(site, "host");
        }
        if (JsonValues.TryGet(json, "baskets", out var baskets) && baskets.ValueKind == JsonValueKind.Array)
        {
            order.Baskets.Capacity = baskets.GetArrayLength();
            foreach (var basket in baskets.EnumerateArray())
            {
                order.Baskets.Add(MapBasket(basket, id, updatedAt));
            }
        }
        order.SourceProgress = OrderProgress.Of(order);
        return order;
    }

    internal static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json);
        }
        catch (JsonException exception)
        {
            throw new OrderPayloadException("body is not valid JSON", exception);
        }
    }

    private static void MapClient(JsonElement json, Order order)
    {
        order.ClientId = JsonValues.Int64(json, "client_id");
        if (!JsonValues.TryGetObject(json, "client", out var client))
        {
            return;
        }
        order.ClientId ??= JsonValues.Int64(client, "id");
        if (JsonValues.Int64(client, "id") is not null)
        {
            order.Client = CatalogPayloadParser.MapClient(client);
        }
        order.ClientEmail = JsonValues.String(client, "email");
        if (JsonValues.TryGetObject(client, "details", out var details))
        {
            order.ClientName = JsonValues.String(details, "name");
            order.ClientSurname = JsonValues.String(details, "surname");
            order.ClientMiddlename = JsonValues.String(details, "middlename");
            order.ClientPhone = JsonValues.String(details, "phone");
        }
    }

    private static Basket MapBasket(JsonElement json, long orderId, DateTimeOffset orderUpdatedAt)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new OrderPayloadException($"order {orderId} has a basket that is not a JSON object");
        }
        return new Basket
        {
            Id = JsonValues.Int64(json, "id") ?? throw new OrderPayloadException($"order {orderId} has a basket without id"),
            OrderId = orderId,
            Barcode = JsonValues.String(json, "barcode"),
            ShowId = JsonValues.Int64(json, "show_id"),
            SeatId = JsonValues.String(json, "seat_id"),
            OriginalPrice = JsonValues.Decimal(json, "original_price") ?? 0m,
            DiscountValue = JsonValues.Decimal(json, "discount_value"),
            Price = JsonValues.Decimal(json, "price") ?? 0m,
            Quantity = (int?)JsonValues.Int64(json, "quantity") ?? 1,
            TicketAmount = JsonValues.Decimal(json, "ticket_amount"),
            ServiceFeeAmount = JsonValues.Decimal(json, "service_fee_amount"),
            TicketOriginalPrice = JsonValues.Decimal(json, "ticket_original_price"),
            Series = JsonValues.String(json, "series"),
            SeatName = JsonValues.String(json, "seat_name"),
            MultipriceCode = JsonValues.String(json, "multiprice_code"),
            ClientEmail = JsonValues.String(json, "client_email"),
            ClientPhone = JsonValues.String(json, "client_phone"),
            ClientName = JsonValues.String(json, "client_name"),
            ClientSurname = JsonValues.String(json, "client_surname"),
            ClientMiddlename = JsonValues.String(json, "client_middlename"),
            OrganizationName = JsonValues.String(json, "organization_name"),
            LegalName = JsonValues.String(json, "legal_name"),
            WorkPosition = JsonValues.String(json, "work_position"),
            Inn = JsonValues.String(json, "inn"),
            Kpp = JsonValues.String(json, "kpp"),
            Comment = JsonValues.String(json, "comment"),
            PdfUrl = JsonValues.String(json, "pdf_url"),
            PassbookUrl = JsonValues.String(json, "passbook_url"),
            GpassUrl = JsonValues.String(json, "gpass_url"),
            RelatedBaskets = JsonValues.Int64Array(json, "related_baskets"),
            CheckedAt = JsonValues.Date(json, "checked_at"),
            CreatedAt = JsonValues.Date(json, "created_at"),
            UpdatedAt = JsonValues.Date(json, "updated_at"),
            DeletedAt = JsonValues.Date(json, "deleted_at"),
            RefundedAt = JsonValues.Date(json, "refunded_at"),
            RefundedAmount = JsonValues.Decimal(json, "refunded_amount"),
            RefundedDeductionAmount = JsonValues.Decimal(json, "refunded_deduction_amount"),
            Refunds = JsonValues.RawObject(json, "refunds"),
            Raw = json.GetRawText(),
            SourceUpdatedAt = orderUpdatedAt,
        };
    }
}
