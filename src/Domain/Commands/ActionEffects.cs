using System.Text.Json;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Domain.Commands;

/// <summary>
/// Whether a QTickets order, read back after a call whose answer was lost, shows the action applied. This is what
/// decides between "done" and "safe to send again" for a refund: never the lost answer itself.
/// </summary>
public static class ActionEffects
{
    public static bool VisibleIn(OrderAction action, Order order)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(order);
        var baskets = order.Baskets.ToDictionary(b => b.Id);
        return action.Kind switch
        {
            OrderActionKinds.RefundBaskets => action.AffectedBasketIds.All(id => baskets.TryGetValue(id, out var b) && b.RefundedAt is not null),
            OrderActionKinds.DeleteBaskets => action.AffectedBasketIds.All(id => baskets.TryGetValue(id, out var b) && b.DeletedAt is not null),
            OrderActionKinds.RestoreOrder => order.DeletedAt is null,
            OrderActionKinds.EditBasket => action.BasketId is { } id && baskets.TryGetValue(id, out var basket) && Shows(action.Edit!, basket),
            _ => false,
        };
    }

    private static bool Shows(BasketEdit edit, Basket basket) =>
        (edit.ClientEmail is null || edit.ClientEmail == basket.ClientEmail)
        && (edit.ClientName is null || edit.ClientName == basket.ClientName)
        && (edit.ClientSurname is null || edit.ClientSurname == basket.ClientSurname)
        && (edit.ClientMiddlename is null || edit.ClientMiddlename == basket.ClientMiddlename)
        && (edit.MultipriceCode is null || edit.MultipriceCode == basket.MultipriceCode)
        && (edit.TicketOriginalPrice is null || edit.TicketOriginalPrice == basket.TicketOriginalPrice)
        && (edit.DiscountValue is null || edit.DiscountValue == basket.DiscountValue);

    /// <summary>
    /// Whether a Ticketscloud order read back shows the action. Promo codes cannot be told from the order alone (it
    /// lists their ids, not the codes), so they never count as shown: a second PATCH answers "already used" instead.
    /// </summary>
    public static bool VisibleIn(OrderAction action, TicketscloudOrder order)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(order);
        return action.Kind switch
        {
            OrderActionKinds.SetCustomer => action.Customer is { } c
                && (c.Name is null || c.Name == order.CustomerName) && (c.Email is null || c.Email == order.CustomerEmail)
                && (c.Phone is null || c.Phone == order.CustomerPhone) && (c.Lang is null || c.Lang == order.CustomerLang),
            OrderActionKinds.SendTickets => action.SendTickets == order.SendTickets,
            OrderActionKinds.SetVendorData => action.VendorData is { } v && VendorDataShows(v, order.VendorData),
            _ => false,
        };
    }

    private static bool VendorDataShows(VendorData wanted, string? stored)
    {
        if (stored is null)
        {
            return false;
        }
        using var document = JsonDocument.Parse(stored);
        var root = document.RootElement;
        if (wanted.OrderId is not null && !(root.TryGetProperty("order_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == wanted.OrderId))
        {
            return false;
        }
        if (wanted.Raw is null)
        {
            return true;
        }
        return root.TryGetProperty("raw", out var raw) && raw.ValueKind == JsonValueKind.Object
            && wanted.Raw.All(w => raw.TryGetProperty(w.Key, out var value) && JsonElement.DeepEquals(value, w.Value));
    }
}
