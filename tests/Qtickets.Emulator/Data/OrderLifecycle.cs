namespace Qtickets.Emulator.Data;

/// <summary>
/// The state transitions QTickets applies to an order. Shared by the data-set generator (history) and the
/// activity simulator (live changes) so both produce the same shapes. Times never move backwards.
/// </summary>
internal static class OrderLifecycle
{
    public static void Pay(Order order, int time)
    {
        order.PayedValue = true;
        order.PayedAtSec = time;
        TouchAll(order, time);
    }

    /// <summary>
    /// Cancels the whole order; a paid order keeps <c>payed:true</c>, as QTickets does. The baskets of a cancelled
    /// unpaid order say <c>refunded_amount: 0</c> with <c>refunded_at: null</c>, as captured answers do.
    /// </summary>
    public static void Cancel(Order order, int time)
    {
        foreach (ref var basket in order.BasketsValue.AsSpan())
        {
            if (basket.IsActive)
            {
                basket.DeletedAtSec = time;
                if (!order.PayedValue)
                {
                    basket.RefundedAmountKop = 0;
                }
            }
        }

        order.DeletedAtSec = time;
        TouchAll(order, time);
    }

    /// <summary>
    /// Refunds the given top-level baskets (with their season-ticket related baskets). Refunded tickets are
    /// cancelled too; when none is left active the order itself counts as cancelled. <c>payed</c> is untouched.
    /// </summary>
    public static void Refund(Order order, IEnumerable<int> topLevelIndexes, int deductionPercent, int time)
    {
        var baskets = order.BasketsValue;
        foreach (var first in topLevelIndexes)
        {
            for (var i = first; i <= first + baskets[first].RelatedCount; i++)
            {
                ref var basket = ref baskets[i];
                var deduction = basket.PriceKop * deductionPercent / 100;
                basket.RefundedAtSec = time;
                basket.RefundedDeductionKop = deduction;
                basket.RefundedAmountKop = basket.PriceKop - deduction;
                basket.DeletedAtSec = time;
                basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
            }
        }

        if (Array.TrueForAll(baskets, b => !b.IsActive))
        {
            order.DeletedAtSec = time;
        }

        Touch(order, time);
    }

    /// <summary>
    /// <c>DELETE /orders/{id}/baskets</c> with <c>refund</c>: the given baskets refunded and cancelled. A refund
    /// <paramref name="amount"/> is spread over them in order, each up to its price, the rest of each price kept
    /// back; a <paramref name="deduction"/> is spread the same way and the rest refunded. In kopecks.
    /// </summary>
    public static void RefundExact(Order order, IReadOnlyList<int> indexes, long? amount, long? deduction, int time)
    {
        var left = amount ?? deduction ?? 0;
        foreach (var index in indexes)
        {
            ref var basket = ref order.BasketsValue[index];
            var share = (int)Math.Min(left, basket.PriceKop);
            left -= share;
            basket.RefundedAmountKop = amount is null ? basket.PriceKop - share : share;
            basket.RefundedDeductionKop = basket.PriceKop - basket.RefundedAmountKop;
            basket.RefundedAtSec = time;
            basket.DeletedAtSec = time;
            basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
        }

        CancelWhenEmpty(order, time);
        Touch(order, time);
    }

    /// <summary><c>DELETE /orders/{id}/baskets</c> with <c>delete</c>: the baskets cancelled without a refund.</summary>
    public static void DeleteBaskets(Order order, IReadOnlyList<int> indexes, int time)
    {
        foreach (var index in indexes)
        {
            ref var basket = ref order.BasketsValue[index];
            basket.DeletedAtSec = time;
            if (!order.PayedValue)
            {
                basket.RefundedAmountKop = 0;
            }

            basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
        }

        CancelWhenEmpty(order, time);
        Touch(order, time);
    }

    /// <summary>
    /// <c>POST /orders/{id}/restore</c>: a cancelled order without refunds comes back whole. The one transition that
    /// undoes progress, so it is stamped at least a second after the cancellation: with one-second stamps a
    /// same-second restore would lose to the cancellation under the mirror's merge rule (ADR 0002, 0010).
    /// </summary>
    public static void Restore(Order order, int time)
    {
        time = Math.Max(time, order.UpdatedAtSec + 1);
        foreach (ref var basket in order.BasketsValue.AsSpan())
        {
            basket.DeletedAtSec = 0;
            basket.RefundedAmountKop = -1;
            basket.RefundedDeductionKop = -1;
        }

        order.DeletedAtSec = 0;
        TouchAll(order, time);
    }

    /// <summary><c>PUT /baskets/{id}</c>: buyer fields and, on an unpaid order, the price.</summary>
    public static void EditBasket(Order order, int index, BasketEdits edits, long? ticketOriginalPrice, long? discount, int time)
    {
        ref var basket = ref order.BasketsValue[index];
        var before = basket.Edits ?? new BasketEdits();
        basket.Edits = new BasketEdits
        {
            ClientEmail = edits.ClientEmail ?? before.ClientEmail,
            ClientName = edits.ClientName ?? before.ClientName,
            ClientSurname = edits.ClientSurname ?? before.ClientSurname,
            ClientMiddlename = edits.ClientMiddlename ?? before.ClientMiddlename,
            MultipriceCode = edits.MultipriceCode ?? before.MultipriceCode,
        };
        if (ticketOriginalPrice is not null || discount is not null)
        {
            // The price given is the whole ticket price: the edited basket carries no service fee.
            basket.ServiceFeePercent = 0;
            basket.OriginalPriceKop = (int)(ticketOriginalPrice ?? basket.OriginalPriceKop);
            basket.DiscountKop = (int)(discount ?? Math.Max(0, basket.DiscountKop));
            basket.PriceKop = Math.Max(0, basket.OriginalPriceKop - basket.DiscountKop);
        }

        basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
        Touch(order, time);
    }

    public static void Check(Order order, int basketIndex, int time)
    {
        ref var basket = ref order.BasketsValue[basketIndex];
        basket.CheckedAtSec = time;
        basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
        Touch(order, time);
    }

    /// <summary>The "order changed" case: an unpaid reservation is extended by a day.</summary>
    public static void ExtendReserve(Order order, int time)
    {
        order.ReservedToSec = time + 86_400;
        order.ReserveExtended = true;
        Touch(order, time);
    }

    /// <summary>Indexes of baskets that are not season-ticket children (those travel with their main basket).</summary>
    public static List<int> TopLevelIndexes(Order order, Func<Basket, bool> predicate)
    {
        var result = new List<int>();
        var baskets = order.BasketsValue;
        for (var i = 0; i < baskets.Length; i += 1 + baskets[i].RelatedCount)
        {
            if (predicate(baskets[i]))
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static void CancelWhenEmpty(Order order, int time)
    {
        if (Array.TrueForAll(order.BasketsValue, b => !b.IsActive))
        {
            order.DeletedAtSec = time;
        }
    }

    private static void TouchAll(Order order, int time)
    {
        foreach (ref var basket in order.BasketsValue.AsSpan())
        {
            basket.UpdatedAtSec = Math.Max(basket.UpdatedAtSec, time);
        }

        Touch(order, time);
    }

    private static void Touch(Order order, int time) => order.UpdatedAtSec = Math.Max(order.UpdatedAtSec, time);
}
