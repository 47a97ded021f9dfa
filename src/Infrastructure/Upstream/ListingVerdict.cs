namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>What a listing's answers show about one thing that was asked for.</summary>
public enum Compliance
{
    /// <summary>Not asked for, or the rows cannot tell (an empty page, a page sorted both ways).</summary>
    Unknown,
    Honoured,
    Ignored,
}

/// <summary>
/// How an upstream treated a listing, judged from the rows it sent back (for QTickets by <c>ListingJudge</c>): the
/// paid filter, the <c>updated_at</c> filter, the order asked for, and the page size it served. The live QTickets API
/// has been seen to ignore all three, so the reconcilers choose how to walk from this verdict rather than from the
/// documentation.
/// </summary>
public sealed record ListingVerdict(Compliance PaidFilter, Compliance UpdatedFilter, Compliance Order, int? PageSize)
{
    public static readonly ListingVerdict None = new(Compliance.Unknown, Compliance.Unknown, Compliance.Unknown, null);

    /// <summary>Combines the verdicts of several pages: one page that ignored something settles it.</summary>
    public ListingVerdict Merge(ListingVerdict other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ListingVerdict(
            Combine(PaidFilter, other.PaidFilter),
            Combine(UpdatedFilter, other.UpdatedFilter),
            Combine(Order, other.Order),
            other.PageSize ?? PageSize);
    }

    /// <summary>Snake-case names as stored on <c>sync_runs</c> and shown by the status endpoint.</summary>
    public static string Name(Compliance compliance) => compliance switch
    {
        Compliance.Honoured => "honoured",
        Compliance.Ignored => "ignored",
        _ => "unknown",
    };

    private static Compliance Combine(Compliance left, Compliance right) =>
        left == Compliance.Ignored || right == Compliance.Ignored ? Compliance.Ignored
        : left == Compliance.Honoured || right == Compliance.Honoured ? Compliance.Honoured
        : Compliance.Unknown;
}
