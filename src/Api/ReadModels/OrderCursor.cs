using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Position after the last order of a page in the list's (created_at desc, id desc) order. Opaque to clients:
/// base64url of the creation instant in microseconds (PostgreSQL's precision) and the id.
/// </summary>
public readonly record struct OrderCursor(DateTimeOffset CreatedAt, long Id)
{
    private const int Length = 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ToMicroseconds(CreatedAt));
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string text, out OrderCursor cursor)
    {
        cursor = default;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length != Length)
        {
            return false;
        }
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (micros < MinMicros || micros > MaxMicros)
        {
            return false;
        }
        cursor = new OrderCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)));
        return true;
    }

    private static long ToMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static readonly long MinMicros = ToMicroseconds(DateTimeOffset.MinValue);
    private static readonly long MaxMicros = ToMicroseconds(DateTimeOffset.MaxValue);
}
