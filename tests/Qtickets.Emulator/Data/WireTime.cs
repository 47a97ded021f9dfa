using System.Globalization;

namespace Qtickets.Emulator.Data;

/// <summary>
/// Timestamps are kept as whole seconds since 2000-01-01Z in an <see cref="int"/> (0 means null) because
/// millions of them live in memory; QTickets itself only has one-second resolution and answers in +03:00.
/// </summary>
public static class WireTime
{
    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    private const long EpochUnixSeconds = 946_684_800; // 2000-01-01T00:00:00Z

    public static int ToSeconds(DateTimeOffset time) => checked((int)(time.ToUnixTimeSeconds() - EpochUnixSeconds));

    public static DateTimeOffset ToDateTime(int seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(EpochUnixSeconds + seconds).ToOffset(MoscowOffset);

    public static DateTimeOffset? ToNullableDateTime(int seconds) => seconds == 0 ? null : ToDateTime(seconds);

    /// <summary>Writes <c>2019-07-30T12:50:52+03:00</c> as UTF-8; returns the byte count.</summary>
    public static int Format(int seconds, Span<byte> destination)
    {
        ToDateTime(seconds).TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return written;
    }
}
