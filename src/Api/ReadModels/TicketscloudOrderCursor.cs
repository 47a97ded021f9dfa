using System.Buffers.Binary;

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
        CursorEncoding.WriteInstant(bytes, CreatedAt);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], AccountId);
        Convert.FromHexString(Id).CopyTo(bytes[12..]);
        return CursorEncoding.Encode(bytes);
    }

    public static bool TryDecode(string text, out TicketscloudOrderCursor cursor)
    {
        cursor = default;
        if (CursorEncoding.Decode(text) is not { Length: Length } bytes || !CursorEncoding.TryReadInstant(bytes, out var createdAt))
        {
            return false;
        }
        cursor = new TicketscloudOrderCursor(createdAt, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), Convert.ToHexStringLower(bytes.AsSpan(12)));
        return true;
    }
}
