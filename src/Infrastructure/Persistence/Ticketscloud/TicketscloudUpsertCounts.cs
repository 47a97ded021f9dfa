namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// What one set-based write did: rows new to the mirror, rows whose content changed, rows seen again unchanged
/// (their observation time advanced), rows older than the stored observation (ignored) and duplicates of the
/// stored observation (left alone): the vocabulary of <see cref="UpsertOutcome"/>, with the confirmation an observation adds.
/// </summary>
public sealed record TicketscloudUpsertCounts(int Inserted, int Updated, int Confirmed, int Stale, int Duplicate)
{
    public static readonly TicketscloudUpsertCounts None = new(0, 0, 0, 0, 0);

    /// <summary>Of <see cref="Updated"/>, rows whose business content (<see cref="BusinessContent"/>) had not changed.</summary>
    public int Refreshed { get; init; }

    public int Seen => Inserted + Updated + Confirmed + Stale + Duplicate;

    public TicketscloudUpsertCounts Add(TicketscloudUpsertCounts other) => new(
        Inserted + other.Inserted, Updated + other.Updated, Confirmed + other.Confirmed, Stale + other.Stale, Duplicate + other.Duplicate)
    {
        Refreshed = Refreshed + other.Refreshed,
    };
}
