using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Tolerant readers for QTickets members. The API's types drift (booleans as 0/1 or "1", objects as <c>[]</c>,
/// prices as integers, floats or strings), so every reader accepts the spellings seen in the field and answers
/// null for anything it cannot read faithfully rather than guessing.
/// </summary>
internal static class JsonValues
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The member as an object; PHP encodes an empty associative array as <c>[]</c>, which reads as absent.</summary>
    public static bool TryGetObject(JsonElement obj, string name, out JsonElement value) =>
        TryGet(obj, name, out value) && value.ValueKind == JsonValueKind.Object;

    public static string? String(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            // A barcode or seat id sent as a number still means the same characters.
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static long? Int64(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) ? Int64(value) : null;

    public static long? Int64(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var integer))
                {
                    return integer;
                }
                return value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue
                    ? (long)number
                    : null;
            case JsonValueKind.String:
                return long.TryParse(Unquoted(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    public static bool? Boolean(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) ? number != 0 : null;
            case JsonValueKind.String:
                var text = Unquoted(value);
                if (text.SequenceEqual("1"u8) || text.SequenceEqual("true"u8))
                {
                    return true;
                }
                return text.SequenceEqual("0"u8) || text.SequenceEqual("false"u8) || text.IsEmpty ? false : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Reads money exactly: numbers are parsed from their UTF-8 text straight into <see cref="decimal"/>
    /// (never through <see cref="double"/>), and numeric strings likewise.
    /// </summary>
    public static decimal? Decimal(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => JsonMarshal.GetRawUtf8Value(value),
            JsonValueKind.String => Unquoted(value),
            _ => default,
        };
        return !text.IsEmpty && Utf8Parser.TryParse(text, out decimal parsed, out var consumed) && consumed == text.Length
            ? parsed
            : null;
    }

    /// <summary>
    /// An ISO 8601 timestamp with its offset preserved. Empty strings read as null, and so do timestamps without
    /// an offset: which zone QTickets meant would be a guess, and a wrong guess silently shifts sales by hours.
    /// </summary>
    public static DateTimeOffset? Date(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        // Serializers may escape the '+' of an offset as \u002B; look at the unescaped text then.
        var raw = Unquoted(value);
        var text = raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(value.GetString() ?? "");
        return value.TryGetDateTimeOffset(out var date) && HasOffset(text) ? date : null;
    }

    /// <summary>
    /// The member's JSON text exactly as received; null when absent, an empty <c>[]</c>/<c>{}</c>, or the empty
    /// string real answers send for an empty <c>custom</c>.
    /// </summary>
    public static string? RawObject(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }
        var empty = value.ValueKind switch
        {
            JsonValueKind.Object => !value.EnumerateObject().MoveNext(),
            JsonValueKind.Array => value.GetArrayLength() == 0,
            JsonValueKind.String => value.GetString()!.Length == 0,
            _ => false,
        };
        return empty ? null : value.GetRawText();
    }

    public static long[] Int64Array(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return [];
        }
        var result = new List<long>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (Int64(item) is { } id)
            {
                result.Add(id);
            }
        }
        return [.. result];
    }

    /// <summary>The UTF-8 text of a string value without its quotes (escapes, if any, are left as sent).</summary>
    private static ReadOnlySpan<byte> Unquoted(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length >= 2 ? raw[1..^1] : raw;
    }

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var time = text.IndexOfAny((byte)'T', (byte)'t', (byte)' ');
        if (time < 0)
        {
            return false;
        }
        var clock = text[(time + 1)..];
        return clock.EndsWith("Z"u8) || clock.EndsWith("z"u8) || clock.IndexOfAny((byte)'+', (byte)'-') >= 0;
    }
}
