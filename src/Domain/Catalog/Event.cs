namespace Qtickets.Sync.Domain.Catalog;

/// <summary>A QTickets event (<c>GET /events</c>); its dates live in <see cref="Show"/>s.</summary>
public sealed class Event
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public long Id { get; set; }
    public string? Name { get; set; }
    public bool IsActive { get; set; }
    public string? CurrencyId { get; set; }
    public string? PlaceName { get; set; }
    public string? PlaceAddress { get; set; }
    public long? CityId { get; set; }
    public string? SiteUrl { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Set when the organizer deleted the event; <c>GET /events</c> lists deleted events too.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public string Raw { get; set; } = "{}";
    public DateTimeOffset SyncedAt { get; set; }
    public List<Show> Shows { get; set; } = [];
}
