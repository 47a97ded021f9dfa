namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// A row of <c>ticketscloud_orders</c>: every documented field typed, the raw object beside them. The storage
/// shape of <see cref="Domain.Ticketscloud.TicketscloudOrder"/>; written only by <see cref="TicketscloudUpserter"/>,
/// read through EF.
/// </summary>
public sealed class TicketscloudOrderRow
{
    public int AccountId { get; set; }
    public string Id { get; set; } = "";
    public long? Number { get; set; }
    public string? Code { get; set; }
    public string EventId { get; set; } = "";
    public string? OrgId { get; set; }
    public string? VendorId { get; set; }
    public string? Origin { get; set; }
    public string Status { get; set; } = "";
    public short StatusRank { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public DateTimeOffset? ExpiredAfter { get; set; }
    public decimal Nominal { get; set; }
    public decimal Extra { get; set; }
    public decimal Full { get; set; }
    public decimal Discount { get; set; }
    public decimal Price { get; set; }
    public string? SetsValues { get; set; }
    public string[] PromoCodes { get; set; } = [];
    public string[] ViralPromoCodes { get; set; } = [];
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerLang { get; set; }
    public bool? SendTickets { get; set; }
    public bool? Invitation { get; set; }
    public string? Settings { get; set; }
    public string? VendorData { get; set; }
    public string? VendorOrderId { get; set; }
    public string TimeZone { get; set; } = "";
    public string Raw { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
