using System.Globalization;
using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>Writes an order exactly in the field order and types of the documented <c>GET /orders/4360</c> example.</summary>
public static class OrderJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Order order, Action<Utf8JsonWriter>? extraFields = null)
    {
        var uniqid = order.Uniqid;
        var site = Catalog.Sites[order.Site];
        var payment = Catalog.PaymentMethods[order.PaymentType];

        writer.WriteStartObject();
        writer.WriteNumber("id", order.IdValue);
        writer.WriteString("uniqid", uniqid);
        writer.WriteBoolean("payed", order.PayedValue);
        JsonWire.WriteTime(writer, "payed_at", order.PayedAtSec);
        JsonWire.WriteTime(writer, "created_at", order.CreatedAtSec);
        JsonWire.WriteTime(writer, "updated_at", order.UpdatedAtSec);
        JsonWire.WriteTime(writer, "deleted_at", order.DeletedAtSec);
        writer.WriteNumber("client_id", order.ClientValue.Id);
        writer.WritePropertyName("client");
        ClientJsonWriter.Write(writer, order.ClientValue);
        writer.WriteNumber("site_id", site.Id);
        writer.WriteStartObject("site");
        writer.WriteNumber("id", site.Id);
        writer.WriteString("host", site.Host);
        writer.WriteEndObject();
        writer.WriteNumber("payment_id", payment.PaymentId);
        writer.WriteString("payment_type_id", payment.TypeId);
        WriteCardNumber(writer, order, payment);
        JsonWire.WriteUrl(writer, "payment_url", $"https://qtickets.ru/pay/{uniqid}");
        var cancelHash = order.CancelHashOverride ?? StableHash.Hex32((ulong)order.UniqidCode);
        JsonWire.WriteUrl(writer, "cancel_url", $"https://qtickets.ru/cancel-order/{uniqid}/{cancelHash}");
        writer.WriteNumber("basket_user_id", order.BasketUserId);
        JsonWire.WriteNullableId(writer, "backend_user_id", order.BackendUserId);
        writer.WriteNull("access_code_id");
        JsonWire.WriteNullableId(writer, "discount_id", order.DiscountIdValue);
        JsonWire.WriteNullableId(writer, "promo_code_id", order.PromoCodeIdValue);
        writer.WriteNumber("reserved", 0); // documented as boolean, served as 0/1
        JsonWire.WriteTime(writer, "reserved_to", order.ReservedToSec);
        writer.WriteNumber("reserve_extended", order.ReserveExtended ? 1 : 0);
        writer.WriteNumber("event_id", order.EventIdValue);
        JsonWire.WriteMoney(writer, "price", order.PriceKopecks);
        JsonWire.WriteMoney(writer, "original_price", order.OriginalPriceKopecks);
        writer.WriteString("currency_id", "RUB");
        JsonWire.WriteMap(writer, "utm", Catalog.Utms[order.Utm]);
        JsonWire.WriteMap(writer, "custom", Catalog.Customs[order.Custom]);
        JsonWire.WriteMap(writer, "fields", Catalog.Fields[order.Fields]);
        writer.WriteStartArray("baskets");
        for (var i = 0; i < order.BasketsValue.Length; i++)
        {
            WriteBasket(writer, order, i);
        }

        writer.WriteEndArray();
        WriteRefunds(writer, order);
        WriteIntegrations(writer, order);
        extraFields?.Invoke(writer);
        writer.WriteEndObject();
    }

    public static void WriteBasket(Utf8JsonWriter writer, Order order, int index)
    {
        ref readonly var basket = ref order.BasketsValue[index];
        var client = order.ClientValue;

        writer.WriteStartObject();
        writer.WriteNumber("id", basket.IdValue);
        writer.WriteString("barcode", basket.BarcodeValue.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("show_id", basket.ShowIdValue);
        writer.WriteString("seat_id", $"{Catalog.Zones[basket.Zone]}-{basket.Row};{basket.Place}");
        JsonWire.WriteMoney(writer, "original_price", basket.OriginalPriceKop);
        JsonWire.WriteNullableMoney(writer, "discount_value", basket.DiscountKop);
        JsonWire.WriteMoney(writer, "price", basket.PriceKop);
        writer.WriteNumber("quantity", 1);
        JsonWire.WriteMoney(writer, "ticket_original_price", basket.TicketOriginalPriceKop);
        JsonWire.WriteMoney(writer, "ticket_amount", basket.PriceKop - basket.ServiceFeeKop);
        JsonWire.WriteMoney(writer, "service_fee_amount", basket.ServiceFeeKop);
        // A digit string, as in real answers.
        writer.WriteString("series", (1 + (basket.IdValue % 9)).ToString(CultureInfo.InvariantCulture));
        writer.WriteString("seat_name", $"{Catalog.Zones[basket.Zone]}, ряд {basket.Row}, место {basket.Place}");
        if ((basket.Edits?.MultipriceCode ?? Catalog.MultipriceCodes[basket.IdValue % Catalog.MultipriceCodes.Length]) is { } multiprice)
        {
            writer.WriteString("multiprice_code", multiprice);
        }
        else
        {
            writer.WriteNull("multiprice_code");
        }

        writer.WriteStartArray("services");
        writer.WriteEndArray();
        writer.WriteString("client_email", basket.Edits?.ClientEmail ?? client.Email);
        writer.WriteString("client_phone", client.Phone);
        writer.WriteString("client_name", basket.Edits?.ClientName ?? client.Name);
        writer.WriteString("client_surname", basket.Edits?.ClientSurname ?? client.Surname);
        writer.WriteString("client_middlename", basket.Edits?.ClientMiddlename ?? client.BasketMiddlename);
        writer.WriteNull("organization_name");
        writer.WriteNull("legal_name");
        writer.WriteNull("work_position");
        writer.WriteNull("inn");
        writer.WriteNull("kpp");
        writer.WriteNull("comment");
        if (basket.HasTicketUrls)
        {
            var path = basket.TicketPathOverride
                ?? $"{Base62.Encode((long)(StableHash.Mix((ulong)basket.BarcodeValue) % Base62.MaxValue))}/{StableHash.Hex32((ulong)basket.IdValue)}";
            JsonWire.WriteUrl(writer, "pdf_url", $"https://qtickets.ru/ticket/pdf/{path}");
            JsonWire.WriteUrl(writer, "passbook_url", $"https://qtickets.ru/ticket/passbook/{path}");
        }

        writer.WriteStartArray("related_baskets");
        for (var i = 1; i <= basket.RelatedCount; i++)
        {
            writer.WriteNumberValue(order.BasketsValue[index + i].IdValue);
        }

        writer.WriteEndArray();
        JsonWire.WriteTime(writer, "checked_at", basket.CheckedAtSec);
        JsonWire.WriteTime(writer, "created_at", basket.CreatedAtSec);
        JsonWire.WriteTime(writer, "updated_at", basket.UpdatedAtSec);
        JsonWire.WriteTime(writer, "deleted_at", basket.DeletedAtSec);
        JsonWire.WriteTime(writer, "refunded_at", basket.RefundedAtSec);
        JsonWire.WriteNullableMoney(writer, "refunded_amount", basket.RefundedAmountKop);
        JsonWire.WriteNullableMoney(writer, "refunded_deduction_amount", basket.RefundedDeductionKop);
        writer.WriteStartArray("refunds");
        if (basket.RefundedAtSec != 0)
        {
            WriteRefund(writer, basket);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The order's <c>refunds</c> list: one entry per refunded basket.</summary>
    private static void WriteRefunds(Utf8JsonWriter writer, Order order)
    {
        writer.WriteStartArray("refunds");
        foreach (ref readonly var basket in order.BasketsValue.AsSpan())
        {
            if (basket.RefundedAtSec != 0)
            {
                WriteRefund(writer, basket);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteRefund(Utf8JsonWriter writer, in Basket basket)
    {
        writer.WriteStartObject();
        writer.WriteNumber("basket_id", basket.IdValue);
        JsonWire.WriteMoney(writer, "amount", Math.Max(0, basket.RefundedAmountKop));
        JsonWire.WriteMoney(writer, "deduction_amount", Math.Max(0, basket.RefundedDeductionKop));
        JsonWire.WriteTime(writer, "created_at", basket.RefundedAtSec);
        writer.WriteEndObject();
    }

    /// <summary>Masked card for paid card orders; the documented example (order 4360) has none.</summary>
    private static void WriteCardNumber(Utf8JsonWriter writer, Order order, Catalog.PaymentMethod payment)
    {
        if (!order.PayedValue || payment.TypeId != "bankcard" || order.IdValue == SeedOrder.OrderId)
        {
            writer.WriteNull("payment_card_number");
            return;
        }

        writer.WriteString("payment_card_number", $"427600******{StableHash.Mix((ulong)order.IdValue) % 10_000:D4}");
    }

    private static void WriteIntegrations(Utf8JsonWriter writer, Order order)
    {
        if (order.RoistatVisit == 0)
        {
            writer.WriteStartArray("integrations");
            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject("integrations");
        writer.WriteStartObject("roistat");
        writer.WriteString("roistat_visit", order.RoistatVisit.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
