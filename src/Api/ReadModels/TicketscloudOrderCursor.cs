using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Position after the last Ticketscloud order of a page in (created_at desc, account desc, id desc) order, opaque
/// to clients: base64url of the creation instant in microseconds, the account and the 12 bytes of the 24-hex id.
/// </summary>
public readonly record struct TicketscloudOrderCursor(DateTimeOffset CreatedAt, int AccountId, string Id)
{
    private const int Length = 8 + 4 + 12;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], AccountId);
        Convert.FromHexString(Id).CopyTo(bytes[12..]);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string text, out TicketscloudOrderCursor cursor)
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
        if (micros is < -62_135_596_800_000_000 or > 253_402_300_799_000_000)
        {
            return false;
        }
        cursor = new TicketscloudOrderCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)),
            Convert.ToHexStringLower(bytes.AsSpan(12)));
        return true;
    }
}
