namespace Qtickets.Sync.Domain.Catalog;

/// <summary>A QTickets buyer (<c>GET /clients</c>), flattened from the documented <c>details</c> object.</summary>
public sealed class Client
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public long Id { get; set; }
    public string? Email { get; set; }
    public long? DetailsId { get; set; }
    public string? Name { get; set; }
    public string? Surname { get; set; }
    public string? Middlename { get; set; }
    public string? Phone { get; set; }
    public string? VkId { get; set; }
    public string? FacebookId { get; set; }
    public string Raw { get; set; } = "{}";
    public DateTimeOffset SyncedAt { get; set; }
}
