namespace Qtickets.Emulator.Data;

/// <summary>
/// Derives per-record tokens (cancel hashes, ticket URLs, masked card numbers) from ids instead of storing them:
/// same id, same token, no memory.
/// </summary>
public static class StableHash
{
    public static ulong Mix(ulong x)
    {
        // SplitMix64 finaliser: cheap and well distributed.
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>32 lowercase hex characters, the shape of QTickets' md5-looking URL hashes.</summary>
    public static string Hex32(ulong seed) =>
        Mix(seed).ToString("x16") + Mix(seed ^ 0x5DEECE66D).ToString("x16");
}
