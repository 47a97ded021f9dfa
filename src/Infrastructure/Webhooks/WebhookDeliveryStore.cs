using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// The operator's state changes on inbox rows (replay, discard, release), each one guarded UPDATE so it cannot
/// race the applier into a state the life cycle does not allow. Rows that go back to pending wake the applier.
/// </summary>
public sealed class WebhookDeliveryStore(SyncDbContext db, WebhookApplySignal applySignal)
{
    /// <summary>A refused delivery never passed the door: a bad signature may be a forgery, and the rest cannot be applied.</summary>
    public static readonly IReadOnlyList<string> Replayable =
    [
        DeliveryStatuses.Pending, DeliveryStatuses.Applied, DeliveryStatuses.Flagged, DeliveryStatuses.Failed,
        DeliveryStatuses.Dead, DeliveryStatuses.Quarantined,
    ];

    public static readonly IReadOnlyList<string> Discardable =
        [DeliveryStatuses.Pending, DeliveryStatuses.Failed, DeliveryStatuses.Quarantined, DeliveryStatuses.Flagged];

    public static readonly IReadOnlyList<string> Releasable = [DeliveryStatuses.Quarantined];

    /// <summary>Queues a delivery to be applied again; its last apply outcome stays until the applier writes a new one.</summary>
    public async Task<DeliveryTransition> ReplayAsync(long id, CancellationToken cancellationToken)
    {
        var moved = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status != DeliveryStatuses.Rejected)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Pending), cancellationToken);
        return await ResultAsync(id, moved, Replayable, wake: true, cancellationToken);
    }

    /// <summary>Gives up on a delivery: it becomes dead and is never retried.</summary>
    public Task<DeliveryTransition> DiscardAsync(long id, CancellationToken cancellationToken) =>
        MoveAsync(id, Discardable, DeliveryStatuses.Dead, outcome: null, cancellationToken);

    /// <summary>Applies a quarantined delivery despite its stamp.</summary>
    public Task<DeliveryTransition> ReleaseAsync(long id, CancellationToken cancellationToken) =>
        MoveAsync(id, Releasable, DeliveryStatuses.Pending, WebhookApplier.ReleasedOutcome, cancellationToken);

    /// <summary>Queues every delivery with <paramref name="fromId"/> &lt;= id &lt;= <paramref name="toId"/> again; rejected ones are skipped.</summary>
    public async Task<(int Requeued, int SkippedRejected)> ReplayRangeAsync(long fromId, long toId, CancellationToken cancellationToken)
    {
        var inRange = db.WebhookDeliveries.Where(d => d.Id >= fromId && d.Id <= toId);
        var requeued = await inRange
            .Where(d => d.Status != DeliveryStatuses.Rejected)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Pending), cancellationToken);
        var skipped = await inRange.CountAsync(d => d.Status == DeliveryStatuses.Rejected, cancellationToken);
        applySignal.Notify();
        return (requeued, skipped);
    }

    private async Task<DeliveryTransition> MoveAsync(
        long id, IReadOnlyList<string> from, string to, string? outcome, CancellationToken cancellationToken)
    {
        var moved = await db.WebhookDeliveries
            .Where(d => d.Id == id && from.Contains(d.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, to).SetProperty(d => d.ApplyOutcome, outcome), cancellationToken);
        return await ResultAsync(id, moved, from, wake: to == DeliveryStatuses.Pending, cancellationToken);
    }

    private async Task<DeliveryTransition> ResultAsync(
        long id, int moved, IReadOnlyList<string> from, bool wake, CancellationToken cancellationToken)
    {
        if (moved > 0 && wake)
        {
            applySignal.Notify();
        }
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return new DeliveryTransition(delivery, moved > 0, from);
    }
}

/// <summary>
/// What an operator's state change did: <see cref="Delivery"/> is null when there is no such row;
/// <see cref="Moved"/> is false when the row was in none of the <see cref="AllowedFrom"/> states.
/// </summary>
public sealed record DeliveryTransition(WebhookDelivery? Delivery, bool Moved, IReadOnlyList<string> AllowedFrom);
