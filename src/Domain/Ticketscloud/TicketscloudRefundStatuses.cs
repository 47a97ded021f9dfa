namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>Refund request statuses: new → in_progress → approved or rejected (both final).</summary>
public static class TicketscloudRefundStatuses
{
    public const string New = "new";
    public const string InProgress = "in_progress";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [New, InProgress, Approved, Rejected];

    public static int Rank(string status) => status switch
    {
        InProgress => 1,
        Approved or Rejected => 2,
        _ => 0,
    };
}
