using System.Text.Json.Serialization;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Progress of an account's first sync. <see cref="Started"/> and <see cref="From"/> are fixed when the load
/// starts, so a resumed load walks the same listing and its page numbers still mean the same rows.
/// </summary>
/// <param name="Listing">The listing being walked (Ticketscloud walks orders, then refund requests).</param>
/// <param name="Page">The last committed page of <paramref name="Listing"/>; 0 before its first.</param>
/// <param name="PagesDone">Pages committed over every listing.</param>
/// <param name="PagesEstimate">Pages the whole load is expected to take, where the platform reports totals.</param>
/// <param name="From">The oldest history asked for; null for everything the platform serves.</param>
/// <param name="Started">When the load started: what it read is the history up to here.</param>
/// <param name="Done">True once every listing was walked to its end.</param>
public sealed record InitialLoadCheckpoint(
    string Listing, int Page, int PagesDone, int? PagesEstimate, DateTimeOffset? From, DateTimeOffset Started, bool Done)
{
    public const string Orders = "orders";
    public const string RefundRequests = "refund_requests";

    /// <summary>A load about to start; <see cref="From"/> is set by the platform's walk from its horizon.</summary>
    public static InitialLoadCheckpoint Start(DateTimeOffset now) => new(Orders, 0, 0, null, null, now, Done: false);

    /// <summary>
    /// The load as it walks: a fresh one fixes <see cref="From"/> at <paramref name="horizon"/> before its start
    /// (a zero horizon asks for <paramref name="everything"/>, the oldest date the platform needs named, or null);
    /// a resumed one keeps what it fixed.
    /// </summary>
    public InitialLoadCheckpoint Reaching(TimeSpan horizon, DateTimeOffset? everything = null) =>
        PagesDone > 0 ? this : this with { From = horizon > TimeSpan.Zero ? Started - horizon : everything };

    /// <summary>Pages a listing of <paramref name="total"/> rows takes at <paramref name="pageSize"/>; null without a total.</summary>
    public static int? PagesOf(long? total, int pageSize) =>
        total is { } rows && pageSize > 0 ? (int)((rows + pageSize - 1L) / pageSize) : null;

    /// <summary>After committing <paramref name="page"/> of the current listing.</summary>
    public InitialLoadCheckpoint After(int page, int? estimate) =>
        this with { Page = page, PagesDone = PagesDone + 1, PagesEstimate = estimate ?? PagesEstimate };

    /// <summary>What the status API shows: "loading history: n of ~N pages".</summary>
    [JsonIgnore]
    public string Progress => PagesEstimate is { } estimate
        ? $"loading history: {PagesDone} of ~{Math.Max(estimate, PagesDone)} pages"
        : $"loading history: {PagesDone} pages";
}
