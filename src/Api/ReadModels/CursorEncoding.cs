using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// What every list cursor shares: it travels as base64url, and its instant is stored in microseconds since the
/// Unix epoch (PostgreSQL's precision), big-endian, so a cursor never falls between two stored values.
/// </summary>
internal static class CursorEncoding
{
    /// <summary>The one answer to a <c>cursor</c> that no page of this API gave out (or that was altered).</summary>
    public const string NotIssuedMessage =
        "cursor: not a cursor this API issued; pass the nextCursor of the previous page unchanged (omit cursor for the first page).";

    private static readonly long MinMicros = ToMicroseconds(DateTimeOffset.MinValue);
    private static readonly long MaxMicros = ToMicroseconds(DateTimeOffset.MaxValue);

    public static void WriteInstant(Span<byte> bytes, DateTimeOffset instant) =>
        BinaryPrimitives.WriteInt64BigEndian(bytes, ToMicroseconds(instant));

    public static string Encode(ReadOnlySpan<byte> bytes) => WebEncoders.Base64UrlEncode(bytes);

    /// <returns>The decoded bytes, or null when <paramref name="text"/> is not base64url.</returns>
    public static byte[]? Decode(string text)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <returns>False when the eight bytes hold no instant a <see cref="DateTimeOffset"/> can represent.</returns>
    public static bool TryReadInstant(ReadOnlySpan<byte> bytes, out DateTimeOffset instant)
    {
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        instant = default;
        if (micros < MinMicros || micros > MaxMicros)
        {
            return false;
        }
        instant = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return true;
    }

    private static long ToMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
