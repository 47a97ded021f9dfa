using System.Buffers.Binary;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Where a consumer of <c>/api/v1/changes</c> stands: after the change with this feed position (ADR 0016). Opaque to
/// clients: base64url of a format byte and the position, so the format can change without breaking stored cursors.
/// </summary>
public readonly record struct ChangeCursor(long FeedPosition)
{
    private const byte Format = 1;
    private const int Length = 9;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], FeedPosition);
        return CursorEncoding.Encode(bytes);
    }

    public static bool TryDecode(string text, out ChangeCursor cursor)
    {
        cursor = default;
        if (CursorEncoding.Decode(text) is not { Length: Length } bytes || bytes[0] != Format)
        {
            return false;
        }
        var position = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (position < 0)
        {
            return false;
        }
        cursor = new ChangeCursor(position);
        return true;
    }
}
