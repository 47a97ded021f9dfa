namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// A row of <c>ticketscloud_tickets</c>. A ticket a newer observation of its order no longer lists is marked
/// <see cref="VanishedAt"/>, not deleted.
/// </summary>
public sealed class TicketscloudTicketRow
{
    public int AccountId { get; set; }
    public string Id { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string EventId { get; set; } = "";
    public long? Number { get; set; }
    public string? Barcode { get; set; }
    public string? Serial { get; set; }
    public string? SetId { get; set; }
    public string? Status { get; set; }
    public decimal Nominal { get; set; }
    public decimal Extra { get; set; }
    public decimal Full { get; set; }
    public decimal Discount { get; set; }
    public decimal Price { get; set; }
    public string Raw { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset? VanishedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
