namespace Qtickets.Sync.Domain.Commands;

/// <summary>The ticketing platforms an order can live on.</summary>
public static class OrderPlatforms
{
    public const string Qtickets = "qtickets";
    public const string Ticketscloud = "ticketscloud";
}
