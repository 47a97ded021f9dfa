namespace Qtickets.Sync.Domain.Orders;

/// <summary>Which path last wrote an order row.</summary>
public static class OrderSources
{
    public const string Webhook = "webhook";
    public const string Reconcile = "reconcile";
    public const string Fetch = "fetch";

    /// <summary>The order a platform returned to an order action (<c>order_commands</c>).</summary>
    public const string Command = "command";
}
