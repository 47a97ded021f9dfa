namespace Qtickets.Sync.Domain.Catalog;

/// <summary>One date of an event; baskets point at it through <c>show_id</c>.</summary>
public sealed class Show
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset? StartDate { get; set; }
    public DateTimeOffset? FinishDate { get; set; }
    public DateTimeOffset? OpenDate { get; set; }
    public DateTimeOffset? SaleStartDate { get; set; }
    public DateTimeOffset? SaleFinishDate { get; set; }
    public string Raw { get; set; } = "{}";
    public DateTimeOffset SyncedAt { get; set; }
}
