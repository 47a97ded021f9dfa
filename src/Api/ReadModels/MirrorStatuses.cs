namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The one order status vocabulary of <c>mirror.orders</c> (docs/schema.md), for both platforms.</summary>
public static class MirrorOrderStatuses
{
    public const string Reserved = "reserved";
    public const string Paid = "paid";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
    public const string PartiallyRefunded = "partially_refunded";
    public const string Refunded = "refunded";
}

/// <summary>The one ticket status vocabulary of <c>mirror.tickets</c> (docs/schema.md), for both platforms.</summary>
public static class MirrorTicketStatuses
{
    public const string Reserved = "reserved";
    public const string Sold = "sold";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";
}

/// <summary>The platforms the mirror reads, as the <c>platform</c> column of the mirror views names them.</summary>
public static class MirrorPlatforms
{
    public const string Qtickets = "qtickets";
    public const string Ticketscloud = "ticketscloud";
}
