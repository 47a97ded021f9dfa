using System.Buffers.Binary;

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
        CursorEncoding.WriteInstant(bytes, CreatedAt);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        BinaryPrimitives.WriteInt32BigEndian(bytes[16..], AccountId);
        return CursorEncoding.Encode(bytes);
    }

    public static bool TryDecode(string text, out OrderCursor cursor)
    {
        cursor = default;
        if (CursorEncoding.Decode(text) is not { Length: Length or LengthBeforeAccounts } bytes
            || !CursorEncoding.TryReadInstant(bytes, out var createdAt))
        {
            return false;
        }
        var accountId = bytes.Length == Length ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) : 0;
        cursor = new OrderCursor(createdAt, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)), accountId);
        return true;
    }
}
