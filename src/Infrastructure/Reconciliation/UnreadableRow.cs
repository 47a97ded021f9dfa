using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// A row a platform served that cannot be read (a wrong type, a number no type holds, a lone surrogate): kept as
/// evidence so the rest of its page goes on. Any platform's reader makes one (<see cref="Of"/>); the page frame
/// sets it aside.
/// </summary>
/// <param name="Id">The row's numeric <c>id</c>, when the platform has one and that much can be read.</param>
/// <param name="Excerpt">The start of the row's raw text, safe to store as text.</param>
/// <param name="Sha256">Hex SHA-256 of the row's whole raw text: the same row served again is the same row.</param>
/// <param name="Reason">Why it cannot be read.</param>
public sealed record UnreadableRow(long? Id, string Excerpt, string Sha256, string Reason)
{
    /// <summary>Characters of raw text kept: the row is evidence, not an archive.</summary>
    public const int MaxExcerptLength = 4096;

    /// <summary>The row's id as its platform writes it (a Ticketscloud id is hex), for the log.</summary>
    public string? Key { get; init; } = Id?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The row kept from its whole raw text <paramref name="raw"/>.</summary>
    public static UnreadableRow Of(string raw, long? id, string reason)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(reason);
        return new UnreadableRow(
            id,
            StorableText.Of(raw, MaxExcerptLength),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))),
            StorableText.Of(reason, 512));
    }
}
