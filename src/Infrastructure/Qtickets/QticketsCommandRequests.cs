using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>The documented bodies of QTickets' order write endpoints (docs/sources.md, seed 001).</summary>
internal static class QticketsCommandRequests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>The request for <paramref name="action"/> on order <paramref name="orderId"/>.</summary>
    public static HttpRequestMessage For(OrderAction action, long orderId) => action.Kind switch
    {
        OrderActionKinds.RefundBaskets => new(HttpMethod.Delete, $"orders/{orderId}/baskets")
        {
            Content = Body(w => Baskets(w, "refund", action.Baskets!, action.Amount, action.DeductionAmount)),
        },
        OrderActionKinds.DeleteBaskets => new(HttpMethod.Delete, $"orders/{orderId}/baskets")
        {
            Content = Body(w => Baskets(w, "delete", action.Baskets!, null, null)),
        },
        OrderActionKinds.RestoreOrder => new(HttpMethod.Post, $"orders/{orderId}/restore") { Content = Body(_ => { }) },
        OrderActionKinds.EditBasket => new(HttpMethod.Put, $"baskets/{action.BasketId}") { Content = Body(w => Edit(w, action.Edit!)) },
        _ => throw new ArgumentException($"{action.Kind} is not a QTickets action.", nameof(action)),
    };

    private static ByteArrayContent Body(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        // Sized up front: the bytes are exactly what the audit row records and what a second attempt would send.
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    private static void Baskets(
        Utf8JsonWriter writer, string verb, IReadOnlyDictionary<long, IReadOnlyList<long>> baskets, decimal? amount, decimal? deduction)
    {
        writer.WriteStartObject(verb);
        if (amount is { } a)
        {
            writer.WriteNumber("amount", a);
        }
        if (deduction is { } d)
        {
            writer.WriteNumber("deduction_amount", d);
        }
        writer.WriteStartObject("baskets");
        foreach (var (id, related) in baskets.OrderBy(b => b.Key))
        {
            writer.WriteStartArray(id.ToString(CultureInfo.InvariantCulture));
            foreach (var child in related)
            {
                writer.WriteNumberValue(child);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Edit(Utf8JsonWriter writer, BasketEdit edit)
    {
        writer.WriteStartObject("data");
        WriteIfSet(writer, "client_email", edit.ClientEmail);
        WriteIfSet(writer, "client_name", edit.ClientName);
        WriteIfSet(writer, "client_surname", edit.ClientSurname);
        WriteIfSet(writer, "client_middlename", edit.ClientMiddlename);
        WriteIfSet(writer, "multiprice_code", edit.MultipriceCode);
        if (edit.TicketOriginalPrice is { } price)
        {
            writer.WriteNumber("ticket_original_price", price);
        }
        if (edit.DiscountValue is { } discount)
        {
            writer.WriteNumber("discount_value", discount);
        }
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
