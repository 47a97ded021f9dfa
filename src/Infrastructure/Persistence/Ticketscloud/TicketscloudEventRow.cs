namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// A row of <c>ticketscloud_events</c>, from listings' <c>refs.events</c>. <see cref="SalesKey"/> is the
/// event's number in <c>daily_sales</c>, whose event column is a bigint (ADR 0009); an order whose event refs
/// did not describe gets a placeholder row (raw <c>{}</c>) so its sales have a key at once.
/// </summary>
public sealed class TicketscloudEventRow
{
    public int AccountId { get; set; }
    public string Id { get; set; } = "";
    public long SalesKey { get; set; }
    public string? OrgId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? TimeZone { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? FinishesAt { get; set; }
    public string Raw { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
