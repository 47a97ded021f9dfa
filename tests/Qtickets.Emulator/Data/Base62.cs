namespace Qtickets.Emulator.Data;

/// <summary>QTickets' 10-character <c>uniqid</c> codes packed into a <see cref="long"/> to keep orders small.</summary>
public static class Base62
{
    public const int Length = 10;
    public const long MaxValue = 839_299_365_868_340_224; // 62^10

    private static ReadOnlySpan<byte> Alphabet => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8;

    public static void Encode(long value, Span<byte> destination)
    {
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    public static string Encode(long value)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Encode(value, bytes);
        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    public static long Decode(string code)
    {
        long value = 0;
        foreach (var c in code)
        {
            value = value * 62 + Alphabet.IndexOf((byte)c);
        }

        return value;
    }
}
