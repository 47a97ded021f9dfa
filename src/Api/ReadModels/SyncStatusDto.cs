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
    /// <summary>Orders reconciles put right in the last 24 hours that webhooks had missed.</summary>
    public long GapsHealedLast24Hours { get; init; }
}
