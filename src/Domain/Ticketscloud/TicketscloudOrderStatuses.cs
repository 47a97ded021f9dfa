namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>
/// Order statuses (reference notes) and their place in an order's life. An order only moves forward:
/// executed (new, unpaid) → in_progress → done (paid) or expired; a late payment turns expired into done; done →
/// cancelled. <see cref="Rank"/> numbers that order; a status Ticketscloud adds later ranks with the unpaid ones
/// so it never overrides a known outcome.
/// </summary>
public static class TicketscloudOrderStatuses
{
    public const string Executed = "executed";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public static IReadOnlyList<string> All { get; } = [Executed, InProgress, Done, Cancelled, Expired];

    public static int Rank(string status) => status switch
    {
        InProgress => 1,
        Expired => 2,
        Done => 3,
        Cancelled => 4,
        _ => 0,
    };
}
