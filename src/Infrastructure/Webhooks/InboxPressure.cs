using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Whether senders are queuing at the inbox right now, and the applier's way of giving way to them. The inbox
/// reports how many deliveries each group commit found waiting; while commits are crowded (at least
/// <c>Webhooks:ApplyYieldBacklog</c>), the applier waits before its next batch, for at most
/// <c>Webhooks:ApplyMaxYield</c>. A burst is then accepted at the speed of the inbox alone and applied right after
/// it, instead of both sharing the database and the sender waiting for the apply (ADR 0011).
/// </summary>
public sealed class InboxPressure(IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>How long one crowded commit counts: a few commits' worth, so a pause between two of them does not end it.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private long crowdedAt;
    private int everCrowded;

    /// <summary>The inbox is about to commit <paramref name="waiting"/> deliveries that queued behind the last commit.</summary>
    public void Committing(int waiting)
    {
        var threshold = options.Value.ApplyYieldBacklog;
        if (threshold > 0 && waiting >= threshold)
        {
            Volatile.Write(ref crowdedAt, time.GetTimestamp());
            Volatile.Write(ref everCrowded, 1);
        }
    }

    /// <summary>A crowded commit happened within the last <see cref="Memory"/>.</summary>
    public bool IsCrowded =>
        Volatile.Read(ref everCrowded) == 1 && time.GetElapsedTime(Volatile.Read(ref crowdedAt)) < Memory;

    /// <summary>Returns once the inbox is no longer crowded, or after <c>Webhooks:ApplyMaxYield</c> at the latest.</summary>
    /// <returns>How long it waited (zero when the inbox was not crowded).</returns>
    public async Task<TimeSpan> YieldAsync(CancellationToken cancellationToken)
    {
        if (!IsCrowded)
        {
            return TimeSpan.Zero;
        }
        var started = time.GetTimestamp();
        var limit = options.Value.ApplyMaxYield;
        while (IsCrowded && time.GetElapsedTime(started) < limit)
        {
            await Task.Delay(Poll, time, cancellationToken);
        }
        return time.GetElapsedTime(started);
    }
}
