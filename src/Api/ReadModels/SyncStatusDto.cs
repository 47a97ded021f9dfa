using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Whether the mirror's numbers can be trusted right now, and the facts behind the verdict.</summary>
public sealed record SyncStatusDto
{
    /// <summary>False when any reason below applies.</summary>
    /// <example>true</example>
    public bool Trustworthy { get; init; }
    /// <summary>Why the numbers may be off; empty when trustworthy.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>When this answer was computed.</summary>
    public DateTimeOffset Now { get; init; }
    public required WebhookStatusDto Webhooks { get; init; }
    public required ReconcileStatusDto Reconcile { get; init; }

    /// <summary>Each configured account on its own; the fields above are over all of them.</summary>
    public IReadOnlyList<AccountSyncStatusDto> Accounts { get; init; } = [];

    /// <summary>The read replica's lag, when <c>ConnectionStrings:PostgresReadOnly</c> is set; absent otherwise.</summary>
    public ReadReplicaStatusDto? ReadReplica { get; init; }
}

/// <summary>One account's sync: can its numbers be trusted, and if not, why (a rejected token, a late run, …).</summary>
public sealed record AccountSyncStatusDto
{
    /// <summary>The account's name (<c>Accounts:n:Name</c>; <c>default</c> for the single-account settings).</summary>
    public required string Account { get; init; }

    /// <summary>Not shown: the account's key, to keep a limited key to its own accounts.</summary>
    internal int AccountId { get; init; }

    [ClosedSet(typeof(Domain.Accounts.AccountPlatforms))]
    public required string Platform { get; init; }

    public bool Enabled { get; init; }
    public bool Trustworthy { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The account's incremental watermark: orders changed up to here are mirrored.</summary>
    public DateTimeOffset? Watermark { get; init; }
    public double? WatermarkLagSeconds { get; init; }
    public DateTimeOffset? LastIncrementalSucceededAt { get; init; }

    [ClosedSet(typeof(SyncRunStatuses))]
    public string? LastIncrementalStatus { get; init; }
    public DateTimeOffset? LastIncrementalStartedAt { get; init; }

    /// <summary>The error of the account's most recent failed run, whatever its kind (e.g. the token was rejected).</summary>
    public string? LastError { get; init; }

    /// <summary>When Hangfire last queued the account's incremental run, and when the next one is due.</summary>
    public DateTimeOffset? IncrementalQueuedAt { get; init; }
    public DateTimeOffset? NextIncrementalDueAt { get; init; }

    /// <summary>True when the incremental run was due more than <c>Health:MaxStartDelay</c> ago and has not started; the reasons say why.</summary>
    public bool Late { get; init; }
    public long PendingDeliveries { get; init; }
    public long FailedDeliveries { get; init; }

    /// <summary>The account's first sync, which loads its whole history; null for an account synced before first syncs existed.</summary>
    public FirstSyncStatusDto? FirstSync { get; init; }

    /// <summary>The account's last finished audit (docs/reconcile.md#audit); null when it was never audited.</summary>
    public LastAuditDto? LastAudit { get; init; }

    /// <summary>Not shown: when the account was first registered, from which an alert expects its first successful run.</summary>
    internal DateTimeOffset? AddedAt { get; init; }
}

/// <summary>An account's last audit: is the mirror equal to the platform, as of when.</summary>
public sealed record LastAuditDto
{
    /// <summary>The audit run; its findings are at <c>GET /api/v1/sync/runs/{runId}/findings</c>.</summary>
    public long RunId { get; init; }

    /// <summary><c>equal</c>, or <c>n differences</c>.</summary>
    /// <example>equal</example>
    public required string Verdict { get; init; }
    public int Differences { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>How far an account's first sync has loaded its history; incremental runs take over once it is done.</summary>
public sealed record FirstSyncStatusDto
{
    public bool Done { get; init; }
    public int PagesDone { get; init; }
    /// <summary>Pages the whole load is expected to take, where the platform reports its totals.</summary>
    public int? PagesEstimated { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The same in words.</summary>
    /// <example>loading history: 120 of ~2500 pages</example>
    public required string Progress { get; init; }
}

public sealed record WebhookStatusDto
{
    public DateTimeOffset? LastReceivedAt { get; init; }
    /// <summary>When the most recently applied delivery was applied.</summary>
    public DateTimeOffset? LastAppliedAt { get; init; }
    /// <summary>Seconds since <see cref="LastAppliedAt"/>.</summary>
    public double? LagSeconds { get; init; }
    public long Pending { get; init; }
    public DateTimeOffset? OldestPendingReceivedAt { get; init; }
    public long Failed { get; init; }
    /// <summary>When the oldest delivery still failed was received.</summary>
    public DateTimeOffset? OldestFailedReceivedAt { get; init; }
    /// <summary>Deliveries an operator discarded.</summary>
    public long Dead { get; init; }
    /// <summary>Deliveries stamped too far in the future, waiting for an operator to release them.</summary>
    public long Quarantined { get; init; }
}

public sealed record ReconcileStatusDto
{
    /// <summary>The incremental reconcile's <c>updated_at</c> watermark.</summary>
    public DateTimeOffset? Watermark { get; init; }
    /// <summary>Seconds since the watermark.</summary>
    public double? WatermarkLagSeconds { get; init; }
    /// <summary>Finish time of the last successful run of each kind (incremental, full_sweep, backfill, catalog).</summary>
    [ClosedSet(typeof(SyncRunKinds))]
    public IReadOnlyDictionary<string, DateTimeOffset> LastSucceeded { get; init; } = new Dictionary<string, DateTimeOffset>();
    /// <summary>Status of the most recent incremental run, whatever its outcome.</summary>
    [ClosedSet(typeof(SyncRunStatuses))]
    public string? LastIncrementalStatus { get; init; }
    /// <summary>
    /// Orders reconciles put right in the last 24 hours that webhooks had missed: new to the mirror, or with
    /// different business content (status, money, refunds, scans, deletion, customer, ticket set).
    /// </summary>
    public long GapsHealedLast24Hours { get; init; }
    /// <summary>
    /// Orders reconciles rewrote in the last 24 hours whose business content was already right (the payload
    /// differed only in keys reports do not use): not gaps.
    /// </summary>
    public long OrdersRefreshedLast24Hours { get; init; }
    /// <summary>How QTickets was last seen to serve order listings; reconcile walks accordingly.</summary>
    public required UpstreamBehaviourDto Upstream { get; init; }
}

/// <summary>
/// The latest verdict of a sync run on each aspect of the order listing: <c>honoured</c> or <c>ignored</c>,
/// null until a run could tell.
/// </summary>
public sealed record UpstreamBehaviourDto
{
    /// <summary>Whether the paid filter (<c>payed</c>) is honoured.</summary>
    /// <example>ignored</example>
    public string? PaidFilter { get; init; }
    /// <summary>Whether the <c>updated_at</c> filter is honoured.</summary>
    /// <example>ignored</example>
    public string? UpdatedFilter { get; init; }
    /// <summary>Whether the order asked for is honoured.</summary>
    /// <example>ignored</example>
    public string? Order { get; init; }
    /// <summary>Rows per page QTickets serves.</summary>
    /// <example>50</example>
    public int? PageSize { get; init; }
}
