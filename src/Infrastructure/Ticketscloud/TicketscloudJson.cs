using System.Globalization;
using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Tolerant, exact readers for Ticketscloud's JSON: money as a string (<c>"150.00"</c>) or a number, read to the
/// exact decimal; ids as 24-hex strings (lower-cased); times without offset read in a given zone. A value that is
/// present but unreadable throws <see cref="FormatException"/>, which sets the row aside.
/// </summary>
internal static class TicketscloudJson
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm",
    ];

    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        { } value => throw new FormatException($"\"{name}\" is {value.ValueKind}, not a string"),
    };

    /// <summary>A required 24-hex id, lower-cased.</summary>
    public static string Id(JsonElement obj, string name) =>
        OptionalId(obj, name) ?? throw new FormatException($"\"{name}\" is missing");

    public static string? OptionalId(JsonElement obj, string name) => String(obj, name) is { } text ? HexId(text, name) : null;

    public static string HexId(string text, string name) =>
        text.Length == 24 && text.All(char.IsAsciiHexDigit)
            ? text.ToLowerInvariant()
            : throw new FormatException($"\"{name}\" is not a 24-hex id: '{Excerpt(text)}'");

    public static decimal Money(JsonElement obj, string name) =>
        OptionalMoney(obj, name) ?? throw new FormatException($"\"{name}\" is missing");

    public static decimal? OptionalMoney(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var number) => number,
        { ValueKind: JsonValueKind.String } value when decimal.TryParse(value.GetString(),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) => parsed,
        { } value => throw new FormatException($"\"{name}\" is no amount: '{Excerpt(value.GetRawText())}'"),
    };

    public static long? Int64(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } value when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var parsed) => parsed,
        { } value => throw new FormatException($"\"{name}\" is no integer: '{Excerpt(value.GetRawText())}'"),
    };

    public static bool? Boolean(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw new FormatException($"\"{name}\" is {value.ValueKind}, not a boolean"),
    };

    /// <summary>
    /// A time: with an offset (<c>Z</c>, <c>+03:00</c>) as stated; without one — Ticketscloud's way — as local
    /// time in <paramref name="zone"/>. A local time in a daylight-saving gap or overlap takes the zone's
    /// standard offset (no zone Ticketscloud serves has changed clocks since 2014).
    /// </summary>
    public static DateTimeOffset? Time(JsonElement obj, string name, TimeZoneInfo zone)
    {
        var text = String(obj, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var stated))
        {
            return stated;
        }
        throw new FormatException($"\"{name}\" is no time: '{Excerpt(text)}'");
    }

    /// <summary>An array of 24-hex ids, or of objects carrying an <c>id</c>.</summary>
    public static IReadOnlyList<string> Ids(JsonElement obj, string name)
    {
        if (Get(obj, name) is not { } array)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{name}\" is {array.ValueKind}, not a list");
        }
        var ids = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            ids.Add(item.ValueKind == JsonValueKind.Object ? Id(item, "id") : HexId(item.GetString() ?? "", name));
        }
        return ids;
    }

    /// <summary>A nested object or array as its raw JSON, for a jsonb column.</summary>
    public static string? Raw(JsonElement obj, string name) => Get(obj, name) is { } value ? value.GetRawText() : null;

    public static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
