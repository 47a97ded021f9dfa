using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>The QTickets wire conventions the writers share: +03:00 times, integer-when-whole money, PHP-style empty maps.</summary>
public static class JsonWire
{
    /// <summary>Cyrillic is written as is, not as \u escapes, so captured bodies stay readable.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteTime(Utf8JsonWriter writer, string name, int seconds)
    {
        if (seconds == 0)
        {
            writer.WriteNull(name);
            return;
        }

        Span<byte> buffer = stackalloc byte[32];
        writer.WriteString(name, buffer[..WireTime.Format(seconds, buffer)]);
    }

    /// <summary>Kopecks as rubles: <c>150</c> when whole, <c>1500.5</c> otherwise (the real API mixes both).</summary>
    public static void WriteMoneyValue(Utf8JsonWriter writer, long kopecks)
    {
        if (kopecks % 100 == 0)
        {
            writer.WriteNumberValue(kopecks / 100);
            return;
        }

        Span<byte> buffer = stackalloc byte[32];
        Utf8Formatter.TryFormat(kopecks / 100m, buffer, out var written);
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    public static void WriteMoney(Utf8JsonWriter writer, string name, long kopecks)
    {
        writer.WritePropertyName(name);
        WriteMoneyValue(writer, kopecks);
    }

    /// <summary>Negative kopecks stand for null.</summary>
    public static void WriteNullableMoney(Utf8JsonWriter writer, string name, int kopecks)
    {
        if (kopecks < 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            WriteMoney(writer, name, kopecks);
        }
    }

    /// <summary>
    /// A URL the way PHP's json_encode writes it, every slash escaped (<c>https:\/\/…</c>), so clients meet the
    /// escape real answers carry. Only for ASCII text that needs no other escaping.
    /// </summary>
    public static void WriteUrl(Utf8JsonWriter writer, string name, string url)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue("\"" + url.Replace("/", "\\/", StringComparison.Ordinal) + "\"", skipInputValidation: true);
    }

    public static void WriteNullableId(Utf8JsonWriter writer, string name, int id)
    {
        if (id == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, id);
        }
    }

    /// <summary>PHP's json_encode turns an empty array into <c>[]</c> and a filled one into an object.</summary>
    public static void WriteMap(Utf8JsonWriter writer, string name, (string Key, string Value)[] entries)
    {
        if (entries.Length == 0)
        {
            writer.WriteStartArray(name);
            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in entries)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
