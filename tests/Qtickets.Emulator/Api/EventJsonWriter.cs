using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>The event shape of the documented <c>POST/PUT /events</c> bodies, with its shows and price list.</summary>
public static class EventJsonWriter
{
    public static void Write(Utf8JsonWriter writer, EventInfo ev)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", ev.Id);
        writer.WriteString("name", ev.Name);
        writer.WriteNumber("is_active", 1);
        writer.WriteNumber("scheme_id", 18);
        writer.WriteString("currency_id", "RUB");
        writer.WriteString("place_name", ev.PlaceName);
        writer.WriteString("place_address", ev.PlaceAddress);
        writer.WriteString("place_description", "");
        writer.WriteString("site_url", $"https://qtickets.ru/event/{ev.Id}");
        writer.WriteNumber("city_id", ev.CityId);
        writer.WriteString("description", "");
        writer.WriteString("external_id", ev.ExternalId);
        writer.WriteNumber("ticket_id", 17);
        writer.WriteNumber("mail_template_id", 35);
        writer.WriteStartArray("payments");
        foreach (var payment in Catalog.PaymentMethods)
        {
            writer.WriteNumberValue(payment.PaymentId);
        }

        writer.WriteEndArray();
        writer.WriteString("poster", "");
        JsonWire.WriteTime(writer, "created_at", ev.CreatedAt);
        JsonWire.WriteTime(writer, "updated_at", ev.CreatedAt);
        writer.WriteNull("deleted_at");
        writer.WriteStartArray("shows");
        foreach (var show in ev.Shows)
        {
            WriteShow(writer, ev, show);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteShow(Utf8JsonWriter writer, EventInfo ev, ShowInfo show)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", show.Id);
        JsonWire.WriteTime(writer, "sale_start_date", show.SaleStartDate);
        writer.WriteNumber("is_active", show.IsActive ? 1 : 0);
        JsonWire.WriteTime(writer, "sale_finish_date", show.SaleFinishDate);
        JsonWire.WriteTime(writer, "open_date", show.OpenDate);
        JsonWire.WriteTime(writer, "start_date", show.StartDate);
        JsonWire.WriteTime(writer, "finish_date", show.FinishDate);
        writer.WriteStartArray("prices");
        for (var i = 0; i < ev.PricesKopecks.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", show.Id * 100 + i + 1);
            JsonWire.WriteMoney(writer, "default_price", ev.PricesKopecks[i]);
            writer.WriteNumber("color_theme", i + 1);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
