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
