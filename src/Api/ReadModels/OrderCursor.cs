using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Position after the last order of a page in the list's (created_at desc, id desc, account_id desc) order.
/// Opaque to clients: base64url of the creation instant in microseconds (PostgreSQL's precision), the id and
/// the account id (ids repeat across accounts). A cursor issued before accounts (16 bytes) reads as account 0,
/// below every account, so the walk goes on exactly where it was.
/// </summary>
public readonly record struct OrderCursor(DateTimeOffset CreatedAt, long Id, int AccountId)
{
    private const int LengthBeforeAccounts = 16;
    private const int Length = 20;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ToMicroseconds(CreatedAt));
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        BinaryPrimitives.WriteInt32BigEndian(bytes[16..], AccountId);
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
        if (bytes.Length is not (Length or LengthBeforeAccounts))
        {
            return false;
        }
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (micros < MinMicros || micros > MaxMicros)
        {
            return false;
        }
        var accountId = bytes.Length == Length ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) : 0;
        cursor = new OrderCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)), accountId);
        return true;
    }

    private static long ToMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static readonly long MinMicros = ToMicroseconds(DateTimeOffset.MinValue);
    private static readonly long MaxMicros = ToMicroseconds(DateTimeOffset.MaxValue);
}
