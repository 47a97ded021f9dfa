namespace Qtickets.Sync.Domain.Sync;

/// <summary>
/// One reconciliation run (the job-runs table of the field report, docs/sources.md). Updated as pages commit
/// so progress shows while the run is still going.
/// </summary>
public sealed class SyncRun
{
    public long Id { get; set; }

    /// <summary>The account the run syncs; null for a run about the whole deployment (daily sales drift, rebuild).</summary>
    public int? AccountId { get; set; } = Accounts.Account.DefaultId;

    /// <summary>The account row, for reads that show its name.</summary>
    public Accounts.Account? Account { get; set; }
    public string Kind { get; set; } = SyncRunKinds.Incremental;
    public string Trigger { get; set; } = SyncRunTriggers.Schedule;
    public string Status { get; set; } = SyncRunStatuses.Running;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? Since { get; set; }
    public int Pages { get; set; }
    public int OrdersSeen { get; set; }
    public int OrdersInserted { get; set; }
    public int OrdersUpdated { get; set; }

    /// <summary>
    /// Of <see cref="OrdersUpdated"/>, orders rewritten whose business content was already right (only the stored
    /// payload differed, docs/business-content.md): not gaps.
    /// </summary>
    public int OrdersRefreshed { get; set; }
    public int OrdersUnchanged { get; set; }

    /// <summary>
    /// Orders the webhooks had missed or left with different business content (docs/business-content.md), which
    /// this run put right: inserted plus updated, less refreshed.
    /// </summary>
    public int GapsHealed { get; set; }

    /// <summary>Full sweep: stored paid orders QTickets no longer lists as paid.</summary>
    public int OrdersMarkedMissing { get; set; }

    /// <summary>Daily sales drift check: rows of the maintained table that differed from the recompute (and were repaired).</summary>
    public int? SalesRowsDiffering { get; set; }
    public string? Error { get; set; }

    /// <summary>QTickets requests of the run by kind: order list pages, single-item reads, catalog pages.</summary>
    public int ListRequests { get; set; }
    public int GetRequests { get; set; }
    public int CatalogRequests { get; set; }

    /// <summary>How QTickets treated the run's listings (<c>honoured</c>, <c>ignored</c>; null when the run could not tell).</summary>
    public string? ServerPaidFilter { get; set; }
    public string? ServerUpdatedFilter { get; set; }
    public string? ServerOrder { get; set; }

    /// <summary>Rows per page QTickets served, whatever was asked.</summary>
    public int? ServerPageSize { get; set; }

    /// <summary>How many times the process running this run died under it (see <see cref="SyncRunStatuses.Interrupted"/>).</summary>
    public int Interruptions { get; set; }

    /// <summary>When the run was last taken up again after an interruption.</summary>
    public DateTimeOffset? ResumedAt { get; set; }
    public string? HangfireJobId { get; set; }
    public string? Host { get; set; }
}
