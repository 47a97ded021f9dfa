namespace Qtickets.Emulator.Data;

/// <summary>An event (<c>GET /events</c> item). Prices are in kopecks.</summary>
public sealed record EventInfo(
    int Id,
    string Name,
    string PlaceName,
    string PlaceAddress,
    int CityId,
    string? ExternalId,
    int CreatedAt,
    IReadOnlyList<int> PricesKopecks,
    IReadOnlyList<ShowInfo> Shows);

/// <summary>One date of an event. Times are <see cref="WireTime"/> seconds, 0 = null.</summary>
public sealed record ShowInfo(
    int Id,
    int EventId,
    int StartDate,
    int FinishDate,
    int OpenDate,
    int SaleStartDate,
    int SaleFinishDate,
    bool IsActive);
