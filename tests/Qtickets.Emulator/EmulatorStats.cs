namespace Qtickets.Emulator;

/// <summary>
/// Counters for <c>GET /emulator/stats</c> and in-process assertions. Incremented with <see cref="Interlocked"/>
/// from request threads, the simulator and the webhook sender.
/// </summary>
public sealed class EmulatorStats
{
    internal long Changes;
    internal long WebhooksEmitted;
    internal long WebhookAttempts;
    internal long WebhooksDelivered;
    internal long WebhookFailedAttempts;
    internal long WebhooksDropped;
    internal long WebhooksDuplicated;
    internal long WebhooksReordered;
    internal long WebhooksGivenUp;
    internal long WebhooksPending;
    internal long ApiRequests;
    internal long ApiUnauthorized;
    internal long Api429;
    internal long Api500;
    internal long Api503;
    internal long ApiSlow;
    internal long ShiftedPages;
    internal long WriteEndpointCalls;

    public StatsSnapshot Snapshot(int orders, int baskets) => new(
        orders,
        baskets,
        Interlocked.Read(ref Changes),
        Interlocked.Read(ref WebhooksEmitted),
        Interlocked.Read(ref WebhookAttempts),
        Interlocked.Read(ref WebhooksDelivered),
        Interlocked.Read(ref WebhookFailedAttempts),
        Interlocked.Read(ref WebhooksDropped),
        Interlocked.Read(ref WebhooksDuplicated),
        Interlocked.Read(ref WebhooksReordered),
        Interlocked.Read(ref WebhooksGivenUp),
        Interlocked.Read(ref WebhooksPending),
        Interlocked.Read(ref ApiRequests),
        Interlocked.Read(ref ApiUnauthorized),
        Interlocked.Read(ref Api429),
        Interlocked.Read(ref Api500),
        Interlocked.Read(ref Api503),
        Interlocked.Read(ref ApiSlow),
        Interlocked.Read(ref ShiftedPages),
        Interlocked.Read(ref WriteEndpointCalls));
}

/// <summary>
/// Point-in-time counters. Webhook bookkeeping: every emitted webhook is dropped, or delivered / given up /
/// pending, with duplicates adding one more copy each: Emitted - Dropped + Duplicated = Delivered + GivenUp + Pending.
/// </summary>
public sealed record StatsSnapshot(
    int Orders,
    int Baskets,
    long Changes,
    long WebhooksEmitted,
    long WebhookAttempts,
    long WebhooksDelivered,
    long WebhookFailedAttempts,
    long WebhooksDropped,
    long WebhooksDuplicated,
    long WebhooksReordered,
    long WebhooksGivenUp,
    long WebhooksPending,
    long ApiRequests,
    long ApiUnauthorized,
    long Api429,
    long Api500,
    long Api503,
    long ApiSlow,
    long ShiftedPages,
    long WriteEndpointCalls);
