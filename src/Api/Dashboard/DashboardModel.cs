using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>Everything <c>/dashboard</c> shows, read in one go.</summary>
public sealed record DashboardModel
{
    public required DateTimeOffset Now { get; init; }
    public required string TimeZone { get; init; }
    public required DateOnly Today { get; init; }
    public required IReadOnlyList<AccountHealth> Accounts { get; init; }
    public required SalesOverview Sales { get; init; }
    public required IReadOnlyList<FailureRow> Failures { get; init; }

    /// <summary>The latest order actions (refunds, restores, Ticketscloud changes), newest first.</summary>
    public IReadOnlyList<CommandRow> Commands { get; init; } = [];
}

/// <summary>Sync health of one account; only <c>default</c> until accounts arrive.</summary>
public sealed record AccountHealth
{
    public required string Account { get; init; }
    public required SyncStatusDto Status { get; init; }
    public required IReadOnlyList<AlertCondition> Alerts { get; init; }
    public required IReadOnlyList<RunRow> Runs { get; init; }

    /// <summary>The verdict: the sync status is trustworthy and no alert condition holds.</summary>
    public bool Healthy => Status.Trustworthy && !Alerts.Any(a => a.Active);

    public IEnumerable<string> Reasons => Status.Reasons.Concat(Alerts.Where(a => a.Active).Select(a => a.Detail)).Distinct();
}

public sealed record RunRow(long Id, string Kind, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int OrdersSeen, int Inserted, int Updated, int GapsHealed, int Refreshed);

/// <summary>One order command: what was asked of which order, and how it ended (no request body: it may carry personal data).</summary>
public sealed record CommandRow(long Id, string Account, string OrderId, string Action, string State, DateTimeOffset At, string? Error);

public sealed record FailureRow(string Kind, long Id, DateTimeOffset At, string What, string? Reason);

/// <summary>Net sales of one local day (all events, or the chosen one).</summary>
public sealed record SalesDay(DateOnly Day, decimal Net, int Tickets);

public sealed record EventSales(long EventId, string? Name, decimal Net, int Tickets);

public sealed record SalesOverview
{
    public required IReadOnlyList<SalesDay> Days { get; init; }
    public long? EventId { get; init; }
    public string? EventName { get; init; }
    public required int TodayTickets { get; init; }
    public required decimal TodayRevenue { get; init; }
    public required decimal TodayNet { get; init; }
    public required IReadOnlyList<EventSales> TopEvents { get; init; }
}
