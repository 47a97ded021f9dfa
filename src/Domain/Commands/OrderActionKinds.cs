using Qtickets.Sync.Domain.Accounts;
namespace Qtickets.Sync.Domain.Commands;

/// <summary>
/// The actions <c>POST /api/v1/orders/{account}/{id}/actions</c> takes. The first four are QTickets' write
/// endpoints (docs/sources.md: <c>DELETE /orders/{id}/baskets</c>, <c>POST /orders/{id}/restore</c>,
/// <c>PUT /baskets/{id}</c>); the last four are Ticketscloud's <c>PATCH /v2/resources/orders/:id</c> actions.
/// </summary>
public static class OrderActionKinds
{
    public const string RefundBaskets = "refund_baskets";
    public const string DeleteBaskets = "delete_baskets";
    public const string RestoreOrder = "restore_order";
    public const string EditBasket = "edit_basket";
    public const string SetCustomer = "set_customer";
    public const string SetVendorData = "set_vendor_data";
    public const string SendTickets = "send_tickets";
    public const string ApplyPromocodes = "apply_promocodes";

    public static readonly IReadOnlyList<string> All =
        [RefundBaskets, DeleteBaskets, RestoreOrder, EditBasket, SetCustomer, SetVendorData, SendTickets, ApplyPromocodes];

    /// <summary>The platform whose API carries the action.</summary>
    public static string PlatformOf(string kind) => kind switch
    {
        RefundBaskets or DeleteBaskets or RestoreOrder or EditBasket => AccountPlatforms.Qtickets,
        _ => AccountPlatforms.Ticketscloud,
    };

    /// <summary>
    /// Actions that move money or cancel tickets: never sent a second time without first reading the order to
    /// see whether the first one happened.
    /// </summary>
    public static bool IsUnrepeatable(string kind) => kind is RefundBaskets or DeleteBaskets;
}
