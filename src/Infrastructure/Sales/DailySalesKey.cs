namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// A local day of one event of one account in the maintained table, with the zone its rows are computed in and
/// the platform they come from (<see cref="SalesSource"/>).
/// </summary>
public sealed record DailySalesKey(int AccountId, long EventId, DateOnly Day, string TimeZone, string Source = SalesSource.Qtickets);
