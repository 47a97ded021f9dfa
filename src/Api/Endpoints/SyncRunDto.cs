using System.Linq.Expressions;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>One reconciliation run as the API shows it; updated as pages commit, so progress shows while it runs.</summary>
public sealed class SyncRunDto
{
    public long Id { get; init; }

    /// <summary>The account the run synced (<c>Accounts:n:Name</c>); null for a run about the whole deployment (daily sales).</summary>
    public string? Account { get; init; }
    [ClosedSet(typeof(SyncRunKinds))] public string Kind { get; init; } = string.Empty;
    [ClosedSet(typeof(SyncRunTriggers))] public string Trigger { get; init; } = string.Empty;
    [ClosedSet(typeof(SyncRunStatuses))] public string Status { get; init; } = string.Empty;
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? HeartbeatAt { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int Pages { get; init; }
    public int OrdersSeen { get; init; }
    public int OrdersInserted { get; init; }
    public int OrdersUpdated { get; init; }

    /// <summary>
    /// Of <c>ordersUpdated</c>, orders rewritten whose business content was already right (the payload differed only
    /// in keys reports do not use, e.g. a webhook's <c>checked_basket</c>): not gaps.
    /// </summary>
    public int OrdersRefreshed { get; init; }
    public int OrdersUnchanged { get; init; }

    /// <summary>
    /// Orders the webhooks had missed or left with different business content (status, money, refunds, scans,
    /// deletion, customer, ticket set), which this run put right: inserted plus updated, less refreshed.
    /// </summary>
    public int GapsHealed { get; init; }

    /// <summary>Full sweep: stored paid orders QTickets no longer lists as paid.</summary>
    public int OrdersMarkedMissing { get; init; }

    /// <summary>Daily sales drift check: rows of the maintained table that differed from the recompute (and were repaired).</summary>
    public int? SalesRowsDiffering { get; init; }
    public string? Error { get; init; }

    /// <summary>QTickets requests of the run: order list pages.</summary>
    public int ListRequests { get; init; }

    /// <summary>QTickets requests of the run: single-item reads.</summary>
    public int GetRequests { get; init; }

    /// <summary>QTickets requests of the run: catalog pages.</summary>
    public int CatalogRequests { get; init; }

    /// <summary>How QTickets treated the run's paid filter (<c>honoured</c>, <c>ignored</c>; null when the run could not tell).</summary>
    public string? ServerPaidFilter { get; init; }

    /// <summary>How QTickets treated the run's updated_at filter.</summary>
    public string? ServerUpdatedFilter { get; init; }

    /// <summary>How QTickets treated the run's requested order.</summary>
    public string? ServerOrder { get; init; }

    /// <summary>Rows per page QTickets served, whatever was asked.</summary>
    public int? ServerPageSize { get; init; }

    /// <summary>How many times the process running this run died under it.</summary>
    public int Interruptions { get; init; }

    /// <summary>When the run was last taken up again after an interruption.</summary>
    public DateTimeOffset? ResumedAt { get; init; }
    public string? HangfireJobId { get; init; }
    public string? Host { get; init; }

    /// <summary>The projection the queries select, so only the columns shown are read.</summary>
    public static readonly Expression<Func<SyncRun, SyncRunDto>> FromRun = r => new SyncRunDto
    {
        Id = r.Id,
        Account = r.Account == null ? null : r.Account.Name,
        Kind = r.Kind,
        Trigger = r.Trigger,
        Status = r.Status,
        StartedAt = r.StartedAt,
        FinishedAt = r.FinishedAt,
        HeartbeatAt = r.HeartbeatAt,
        Since = r.Since,
        Pages = r.Pages,
        OrdersSeen = r.OrdersSeen,
        OrdersInserted = r.OrdersInserted,
        OrdersUpdated = r.OrdersUpdated,
        OrdersRefreshed = r.OrdersRefreshed,
        OrdersUnchanged = r.OrdersUnchanged,
        GapsHealed = r.GapsHealed,
        OrdersMarkedMissing = r.OrdersMarkedMissing,
        SalesRowsDiffering = r.SalesRowsDiffering,
        Error = r.Error,
        ListRequests = r.ListRequests,
        GetRequests = r.GetRequests,
        CatalogRequests = r.CatalogRequests,
        ServerPaidFilter = r.ServerPaidFilter,
        ServerUpdatedFilter = r.ServerUpdatedFilter,
        ServerOrder = r.ServerOrder,
        ServerPageSize = r.ServerPageSize,
        Interruptions = r.Interruptions,
        ResumedAt = r.ResumedAt,
        HangfireJobId = r.HangfireJobId,
        Host = r.Host,
    };
}
