namespace Qtickets.Sync.Domain.Catalog;

/// <summary>One date of an event; baskets point at it through <c>show_id</c>.</summary>
public sealed class Show
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

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
