using System.Text.Json;

namespace Qtickets.Emulator.Api;

/// <summary><c>{"data":[…],"paging":{"perPage":…,"currentPage":…,"total":…}}</c>, as in the <c>/clients</c> example.</summary>
public static class PagedJson
{
    public static IResult Create<T>(IEnumerable<T> items, int page, int perPage, int total, Action<Utf8JsonWriter, T> writeItem) =>
        new Utf8JsonResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var item in items)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("paging");
            writer.WriteNumber("perPage", perPage);
            writer.WriteNumber("currentPage", page);
            writer.WriteNumber("total", total);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static IResult Single(Action<Utf8JsonWriter> writeItem) =>
        new Utf8JsonResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            writeItem(writer);
            writer.WriteEndObject();
        });
}
