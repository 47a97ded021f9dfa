using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>Everything <c>/dashboard</c> shows, read in one go, every figure narrowed by <see cref="Filter"/>.</summary>
public sealed record DashboardModel
{
    public required DateTimeOffset Now { get; init; }
    public required string TimeZone { get; init; }
    public required DateOnly Today { get; init; }
    public required DashboardFilter Filter { get; init; }

    /// <summary>Every configured account (name, platform), for the filter's choices.</summary>
    public required IReadOnlyList<(string Name, string Platform)> AccountChoices { get; init; }

    /// <summary>The status over the filtered accounts: the webhook figures and the deployment-wide verdict.</summary>
    public required SyncStatusDto Status { get; init; }

    /// <summary>Alerts that concern no single shown account (deployment-wide: webhook lag, failed deliveries, drift).</summary>
    public required IReadOnlyList<string> DeploymentReasons { get; init; }

    /// <summary>The filtered accounts, those needing attention first.</summary>
    public required IReadOnlyList<AccountHealth> Accounts { get; init; }
    public required IReadOnlyList<RunRow> Runs { get; init; }
    public required SalesOverview Sales { get; init; }
    public required IReadOnlyList<FailureRow> Failures { get; init; }

    /// <summary>How soon webhooks reached the mirror lately (<see cref="DashboardReader.ApplyLagWindow"/>).</summary>
    public ApplyLagFigure ApplyLag { get; init; } = ApplyLagFigure.None;

    /// <summary>The latest order actions (refunds, restores, Ticketscloud changes), newest first.</summary>
    public IReadOnlyList<CommandRow> Commands { get; init; } = [];

    /// <summary>The verdict over everything shown: every account in sync and no deployment-wide alert.</summary>
    public bool Healthy => DeploymentReasons.Count == 0 && Accounts.All(a => a.Healthy);
}

/// <summary>Sync health of one account: its own verdict (<see cref="AccountSyncStatusDto"/>) and the alerts that name it.</summary>
public sealed record AccountHealth
{
    public required AccountSyncStatusDto Status { get; init; }
    public required IReadOnlyList<AlertCondition> Alerts { get; init; }

    public string Account => Status.Account;

    /// <summary>A disabled account needs no attention: nothing is expected of it.</summary>
    public bool Healthy => !Status.Enabled || (Status.Trustworthy && !Alerts.Any(a => a.Active));

    /// <summary>
    /// The status's reasons, then the alerts' that add to them: the stale-reconcile alert says again what the
    /// status already does whenever the account is not trustworthy.
    /// </summary>
    public IEnumerable<string> Reasons => Status.Reasons
        .Concat(Alerts.Where(a => a.Active && (Status.Trustworthy || a.Kind != Domain.Alerts.AlertRuleKinds.ReconcileStale)).Select(a => a.Detail))
        .Distinct();
}

/// <summary>
/// The p99 of received → applied (<c>processed_at</c>) over the deliveries applied lately, and how many there were;
/// no p99 when none was.
/// </summary>
public sealed record ApplyLagFigure(double? P99Seconds, int Deliveries)
{
    public static readonly ApplyLagFigure None = new(null, 0);
}

public sealed record RunRow(long Id, string Account, string Kind, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int OrdersSeen, int Inserted, int Updated, int GapsHealed, int Refreshed);

/// <summary>One order command: what was asked of which order, and how it ended (no request body: it may carry personal data).</summary>
public sealed record CommandRow(long Id, string Account, string OrderId, string Action, string State, DateTimeOffset At, string? Error);

public sealed record FailureRow(string Kind, long Id, DateTimeOffset At, string Account, string What, string? Reason);

/// <summary>Tickets, gross and net of some sales; adds up across days, events and platforms.</summary>
public sealed record SalesFigures(int Tickets, decimal Gross, decimal Refunds)
{
    public static readonly SalesFigures Zero = new(0, 0m, 0m);

    public decimal Net => Gross - Refunds;

    public SalesFigures Add(SalesFigures other) => new(Tickets + other.Tickets, Gross + other.Gross, Refunds + other.Refunds);

    public static SalesFigures Of(DailySalesRowDto row) => new(row.TicketsSold, row.Gross, row.Refunds);

    public static SalesFigures Sum(IEnumerable<SalesFigures> figures) => figures.Aggregate(Zero, (a, b) => a.Add(b));
}

/// <summary>Figures per platform (every platform of the page, zero where it sold nothing) and their total.</summary>
public sealed record PlatformSplit(IReadOnlyDictionary<string, SalesFigures> ByPlatform)
{
    public SalesFigures Total => SalesFigures.Sum(ByPlatform.Values);
}

/// <summary>Sales of one local day, per platform.</summary>
public sealed record SalesDay(DateOnly Day, PlatformSplit Sales);

/// <summary>An event's sales; its id is the platform's daily-sales key (a Ticketscloud event's <c>sales_key</c>).</summary>
public sealed record EventSales(string Platform, string Account, long EventId, string? Name, SalesFigures Sales);

public sealed record SalesOverview
{
    /// <summary>The platforms the figures cover (the filter's one, or all).</summary>
    public required IReadOnlyList<string> Platforms { get; init; }
    public required IReadOnlyList<SalesDay> Days { get; init; }
    public string? EventName { get; init; }
    public required PlatformSplit Today { get; init; }
    public required IReadOnlyList<EventSales> TopEvents { get; init; }
}
