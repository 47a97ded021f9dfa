namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>A local day of one event in the maintained table, with the zone its rows are computed in.</summary>
public sealed record DailySalesKey(long EventId, DateOnly Day, string TimeZone);
