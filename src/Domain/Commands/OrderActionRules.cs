using Qtickets.Sync.Domain.Accounts;
using System.Text.Json;

namespace Qtickets.Sync.Domain.Commands;

/// <summary>
/// The rules an action must pass before anything is sent to a platform, as pure code. <see cref="Check"/> needs
/// only the request; <see cref="CheckAgainst"/> also the order as the mirror holds it. Limits come from the
/// platforms' documentation (docs/sources.md).
/// </summary>
public static class OrderActionRules
{
    public const int VendorRawMaxKeys = 20;
    public const int VendorRawMaxKeyLength = 40;
    public const int VendorRawMaxValueLength = 128;
    public const int VendorOrderIdMaxLength = 64;
    public const int MaxPromocodes = 20;
    public const int MaxTextLength = 256;

    /// <summary>Ticketscloud answers 400 to any PATCH of an order in this status.</summary>
    public const string TicketscloudDone = "done";

    private static readonly string[] Langs = ["en", "ru"];

    /// <summary>Problems visible in the request alone; empty when it is well formed.</summary>
    public static IReadOnlyList<ActionProblem> Check(OrderAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var problems = new List<ActionProblem>();
        switch (action.Kind)
        {
            case OrderActionKinds.RefundBaskets:
                CheckBaskets(action, problems);
                CheckRefundSums(action, problems);
                break;
            case OrderActionKinds.DeleteBaskets:
                CheckBaskets(action, problems);
                if (action.Amount is not null || action.DeductionAmount is not null)
                {
                    problems.Add(new("amount", "delete_baskets cancels tickets without a refund: amount and deduction_amount belong to refund_baskets."));
                }
                break;
            case OrderActionKinds.RestoreOrder:
                break;
            case OrderActionKinds.EditBasket:
                CheckEdit(action, problems);
                break;
            case OrderActionKinds.SetCustomer:
                CheckCustomer(action.Customer, problems);
                break;
            case OrderActionKinds.SetVendorData:
                CheckVendorData(action.VendorData, problems);
                break;
            case OrderActionKinds.SendTickets:
                if (action.SendTickets is null)
                {
                    problems.Add(new("send_tickets", "send_tickets is required: true to have Ticketscloud mail the tickets, false to send them yourself."));
                }
                break;
            case OrderActionKinds.ApplyPromocodes:
                CheckPromocodes(action.Promocodes, problems);
                break;
            default:
                problems.Add(new("action", $"action must be one of {string.Join(", ", OrderActionKinds.All)}."));
                break;
        }
        return problems;
    }

    /// <summary>Problems with the action given the order it is meant for; empty when it may be sent.</summary>
    public static IReadOnlyList<ActionProblem> CheckAgainst(OrderAction action, OrderFacts order)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<ActionProblem>();
        if (OrderActionKinds.PlatformOf(action.Kind) == AccountPlatforms.Ticketscloud)
        {
            if (order.Status == TicketscloudDone)
            {
                problems.Add(new("action", "The order is done (paid): Ticketscloud refuses every change to a done order."));
            }
            return problems;
        }
        switch (action.Kind)
        {
            case OrderActionKinds.RefundBaskets:
                if (!order.Paid)
                {
                    problems.Add(new("action", "The order is not paid, so there is nothing to refund: use delete_baskets to cancel its tickets."));
                    break;
                }
                var paid = CheckTargets(action, order, problems);
                if (action.Amount is { } amount && amount > paid)
                {
                    problems.Add(new("amount", $"amount {amount:0.00} exceeds what was paid for these baskets ({paid:0.00})."));
                }
                if (action.DeductionAmount is { } deduction && deduction > paid)
                {
                    problems.Add(new("deduction_amount", $"deduction_amount {deduction:0.00} exceeds what was paid for these baskets ({paid:0.00})."));
                }
                break;
            case OrderActionKinds.DeleteBaskets:
                CheckTargets(action, order, problems);
                break;
            case OrderActionKinds.RestoreOrder:
                if (order.HasRefunds)
                {
                    problems.Add(new("action", "The order has refunds: QTickets restores only orders without refunds."));
                }
                else if (!order.Cancelled)
                {
                    problems.Add(new("action", "The order is not cancelled: there is nothing to restore."));
                }
                break;
            case OrderActionKinds.EditBasket:
                if (action.BasketId is { } basketId && !order.Baskets.ContainsKey(basketId))
                {
                    problems.Add(new("basket_id", $"Basket {basketId} is not in this order."));
                }
                if (action.Edit is { ChangesPrice: true } && order.Paid)
                {
                    problems.Add(new("edit", "ticket_original_price and discount_value can be changed only on an unpaid order; this order is paid."));
                }
                break;
        }
        return problems;
    }

    private static void CheckBaskets(OrderAction action, List<ActionProblem> problems)
    {
        if (action.Baskets is not { Count: > 0 } baskets)
        {
            problems.Add(new("baskets", "baskets is required: basket id → [] (or the ids of its related season-ticket baskets)."));
            return;
        }
        if (baskets.Keys.Concat(baskets.Values.SelectMany(v => v)).Any(id => id <= 0))
        {
            problems.Add(new("baskets", "basket ids are positive integers."));
        }
    }

    private static void CheckRefundSums(OrderAction action, List<ActionProblem> problems)
    {
        switch (action.Amount, action.DeductionAmount)
        {
            case (not null, not null):
                problems.Add(new("amount", "amount and deduction_amount are exclusive: give the sum to refund or the sum to keep back, not both."));
                return;
            case (null, null):
                problems.Add(new("amount", "amount (the sum to refund) or deduction_amount (the sum to keep back) is required."));
                return;
        }
        if (action.Amount is { } amount)
        {
            CheckMoney("amount", amount, allowZero: false, problems);
        }
        if (action.DeductionAmount is { } deduction)
        {
            CheckMoney("deduction_amount", deduction, allowZero: true, problems);
        }
    }

    private static void CheckMoney(string field, decimal value, bool allowZero, List<ActionProblem> problems)
    {
        if (value < 0 || (!allowZero && value == 0))
        {
            problems.Add(new(field, allowZero ? $"{field} must not be negative." : $"{field} must be greater than 0."));
        }
        else if (decimal.Round(value, 2) != value)
        {
            problems.Add(new(field, $"{field} is money: at most two decimal places (kopecks)."));
        }
    }

    /// <summary>Every named basket must be in the order and still active; returns what was paid for them.</summary>
    private static decimal CheckTargets(OrderAction action, OrderFacts order, List<ActionProblem> problems)
    {
        decimal paid = 0;
        foreach (var id in action.TargetBasketIds)
        {
            if (!order.Baskets.TryGetValue(id, out var basket))
            {
                problems.Add(new("baskets", $"Basket {id} is not in this order."));
            }
            else if (basket.Refunded)
            {
                problems.Add(new("baskets", $"Basket {id} is already refunded."));
            }
            else if (basket.Deleted)
            {
                problems.Add(new("baskets", $"Basket {id} is already cancelled."));
            }
        }
        foreach (var id in action.AffectedBasketIds)
        {
            if (order.Baskets.TryGetValue(id, out var basket))
            {
                paid += basket.Price;
            }
        }
        return paid;
    }

    private static void CheckEdit(OrderAction action, List<ActionProblem> problems)
    {
        if (action.BasketId is not > 0)
        {
            problems.Add(new("basket_id", "basket_id is required: the basket to change."));
        }
        if (action.Edit is not { IsEmpty: false } edit)
        {
            problems.Add(new("edit", "edit is required with at least one field: client_email, client_name, client_surname, client_middlename, multiprice_code, ticket_original_price or discount_value."));
            return;
        }
        if (edit.TicketOriginalPrice is { } price)
        {
            CheckMoney("edit.ticket_original_price", price, allowZero: true, problems);
        }
        if (edit.DiscountValue is { } discount)
        {
            CheckMoney("edit.discount_value", discount, allowZero: true, problems);
        }
        CheckText("edit.client_email", edit.ClientEmail, problems);
        CheckText("edit.client_name", edit.ClientName, problems);
        CheckText("edit.client_surname", edit.ClientSurname, problems);
        CheckText("edit.client_middlename", edit.ClientMiddlename, problems);
        CheckText("edit.multiprice_code", edit.MultipriceCode, problems);
    }

    private static void CheckCustomer(CustomerSettings? customer, List<ActionProblem> problems)
    {
        if (customer is null || (customer.Name is null && customer.Email is null && customer.Phone is null && customer.Lang is null))
        {
            problems.Add(new("customer", "customer is required with at least one of name, email, phone, lang."));
            return;
        }
        if (customer.Lang is { } lang && !Langs.Contains(lang))
        {
            problems.Add(new("customer.lang", "customer.lang must be en or ru."));
        }
        if (customer.Email is { } email && (email.IndexOf('@', StringComparison.Ordinal) <= 0 || email.EndsWith('@')))
        {
            problems.Add(new("customer.email", "customer.email is not an email address."));
        }
        CheckText("customer.name", customer.Name, problems);
        CheckText("customer.email", customer.Email, problems);
        CheckText("customer.phone", customer.Phone, problems);
    }

    private static void CheckVendorData(VendorData? vendorData, List<ActionProblem> problems)
    {
        if (vendorData is null || (vendorData.OrderId is null && vendorData.Raw is null))
        {
            problems.Add(new("vendor_data", "vendor_data is required with order_id, raw or both."));
            return;
        }
        if (vendorData.OrderId is { Length: > VendorOrderIdMaxLength } orderId)
        {
            problems.Add(new("vendor_data.order_id", $"vendor_data.order_id is {orderId.Length} characters; Ticketscloud allows at most {VendorOrderIdMaxLength}."));
        }
        if (vendorData.Raw is not { } raw)
        {
            return;
        }
        if (raw.Count > VendorRawMaxKeys)
        {
            problems.Add(new("vendor_data.raw", $"vendor_data.raw has {raw.Count} keys; Ticketscloud allows at most {VendorRawMaxKeys}."));
        }
        foreach (var (key, value) in raw)
        {
            if (key.Length > VendorRawMaxKeyLength)
            {
                problems.Add(new("vendor_data.raw", $"vendor_data.raw key \"{Shorten(key)}\" is {key.Length} characters; keys may have at most {VendorRawMaxKeyLength}."));
            }
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > VendorRawMaxValueLength } text)
            {
                problems.Add(new("vendor_data.raw", $"vendor_data.raw value of \"{Shorten(key)}\" is {text.Length} characters; string values may have at most {VendorRawMaxValueLength}."));
            }
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                problems.Add(new("vendor_data.raw", $"vendor_data.raw value of \"{Shorten(key)}\" must be a string, number, boolean or null."));
            }
        }
    }

    private static void CheckPromocodes(IReadOnlyList<string>? codes, List<ActionProblem> problems)
    {
        if (codes is not { Count: > 0 })
        {
            problems.Add(new("promocodes", "promocodes is required: a list of one or more codes."));
            return;
        }
        if (codes.Count > MaxPromocodes)
        {
            problems.Add(new("promocodes", $"promocodes has {codes.Count} codes; at most {MaxPromocodes} at once."));
        }
        if (codes.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new("promocodes", "promocodes may not contain empty codes."));
        }
        foreach (var code in codes)
        {
            CheckText("promocodes", code, problems);
        }
    }

    private static void CheckText(string field, string? value, List<ActionProblem> problems)
    {
        if (value is { Length: > MaxTextLength })
        {
            problems.Add(new(field, $"{field} is {value.Length} characters; at most {MaxTextLength}."));
        }
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
