namespace Qtickets.Sync.Domain.Orders;

/// <summary>Which path last wrote an order row.</summary>
public static class OrderSources
{
    public const string Webhook = "webhook";
    public const string Reconcile = "reconcile";
    public const string Fetch = "fetch";
}
