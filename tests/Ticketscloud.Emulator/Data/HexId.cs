namespace Ticketscloud.Emulator.Data;

/// <summary>Ticketscloud ids are MongoDB ObjectIds: 24 lowercase hex digits, the first 8 a creation time.</summary>
public static class HexId
{
    public static string Next(Random random, DateTimeOffset at)
    {
        Span<byte> tail = stackalloc byte[8];
        random.NextBytes(tail);
        return ((uint)at.ToUnixTimeSeconds()).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)
            + Convert.ToHexStringLower(tail);
    }
}
