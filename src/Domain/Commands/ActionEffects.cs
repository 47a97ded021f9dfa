using Qtickets.Sync.Domain.Orders;

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
}
