using System.Text.Json;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Tests.Domain;

/// <summary>Each rule an action must pass before anything is sent, refused with its own message.</summary>
public class OrderActionRulesTests
{
    private static readonly OrderFacts PaidOrder = new()
    {
        Paid = true,
        Baskets = new Dictionary<long, BasketFacts> { [1] = new(1000m, false, false), [2] = new(500m, false, false), [3] = new(700m, true, true) },
    };

    private static OrderAction Refund(decimal? amount, decimal? deduction, params long[] baskets) => new()
    {
        Kind = OrderActionKinds.RefundBaskets,
        Amount = amount,
        DeductionAmount = deduction,
        Baskets = baskets.ToDictionary(b => b, _ => (IReadOnlyList<long>)[]),
    };

    private static string Problem(IReadOnlyList<ActionProblem> problems, string field) =>
        Assert.Single(problems, p => p.Field == field).Message;

    [Fact]
    public void Amount_and_deduction_amount_are_exclusive()
    {
        var message = Problem(OrderActionRules.Check(Refund(100m, 10m, 1)), "amount");
        Assert.Contains("exclusive", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refund_names_its_sum()
    {
        Assert.Contains("is required", Problem(OrderActionRules.Check(Refund(null, null, 1)), "amount"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refund_amount_may_not_exceed_what_was_paid_for_the_baskets()
    {
        Assert.Empty(OrderActionRules.CheckAgainst(Refund(1500m, null, 1, 2), PaidOrder));
        var message = Problem(OrderActionRules.CheckAgainst(Refund(1500.01m, null, 1, 2), PaidOrder), "amount");
        Assert.Equal("amount 1500.01 exceeds what was paid for these baskets (1500.00).", message);
    }

    [Fact]
    public void A_deduction_may_not_exceed_what_was_paid_either()
    {
        var message = Problem(OrderActionRules.CheckAgainst(Refund(null, 1000.01m, 1), PaidOrder), "deduction_amount");
        Assert.Equal("deduction_amount 1000.01 exceeds what was paid for these baskets (1000.00).", message);
    }

    [Fact]
    public void Money_is_to_the_kopeck()
    {
        Assert.Contains("two decimal places", Problem(OrderActionRules.Check(Refund(10.005m, null, 1)), "amount"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_basket_already_refunded_or_not_in_the_order_is_refused()
    {
        var problems = OrderActionRules.CheckAgainst(Refund(10m, null, 3, 9), PaidOrder);
        Assert.Contains(problems, p => p.Message == "Basket 3 is already refunded.");
        Assert.Contains(problems, p => p.Message == "Basket 9 is not in this order.");
    }

    [Fact]
    public void A_price_edit_only_on_an_unpaid_order()
    {
        var edit = new OrderAction { Kind = OrderActionKinds.EditBasket, BasketId = 1, Edit = new BasketEdit { TicketOriginalPrice = 300m } };

        Assert.Empty(OrderActionRules.CheckAgainst(edit, PaidOrder with { Paid = false }));
        Assert.Contains("only on an unpaid order", Problem(OrderActionRules.CheckAgainst(edit, PaidOrder), "edit"), StringComparison.Ordinal);
        var buyerOnly = edit with { Edit = new BasketEdit { ClientName = "Иван" } };
        Assert.Empty(OrderActionRules.CheckAgainst(buyerOnly, PaidOrder));
    }

    [Fact]
    public void Restore_only_without_refunds()
    {
        var restore = new OrderAction { Kind = OrderActionKinds.RestoreOrder };

        Assert.Empty(OrderActionRules.CheckAgainst(restore, new OrderFacts { Cancelled = true }));
        Assert.Equal("The order has refunds: QTickets restores only orders without refunds.",
            Problem(OrderActionRules.CheckAgainst(restore, new OrderFacts { Cancelled = true, HasRefunds = true }), "action"));
    }

    private static OrderAction Vendor(string? orderId, Dictionary<string, JsonElement>? raw) =>
        new() { Kind = OrderActionKinds.SetVendorData, VendorData = new VendorData(orderId, raw) };

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);

    [Fact]
    public void Vendor_data_raw_has_at_most_20_keys()
    {
        var twenty = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", _ => Text("v"));
        Assert.Empty(OrderActionRules.Check(Vendor(null, twenty)));
        var message = Problem(OrderActionRules.Check(Vendor(null, new(twenty) { ["k20"] = Text("v") })), "vendor_data.raw");
        Assert.Equal("vendor_data.raw has 21 keys; Ticketscloud allows at most 20.", message);
    }

    [Fact]
    public void Vendor_data_raw_keys_have_at_most_40_characters()
    {
        Assert.Empty(OrderActionRules.Check(Vendor(null, new() { [new string('k', 40)] = Text("v") })));
        var message = Problem(OrderActionRules.Check(Vendor(null, new() { [new string('k', 41)] = Text("v") })), "vendor_data.raw");
        Assert.Contains("is 41 characters; keys may have at most 40", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vendor_data_raw_string_values_have_at_most_128_characters()
    {
        Assert.Empty(OrderActionRules.Check(Vendor(null, new() { ["k"] = Text(new string('v', 128)), ["n"] = JsonSerializer.SerializeToElement(3) })));
        var message = Problem(OrderActionRules.Check(Vendor(null, new() { ["k"] = Text(new string('v', 129)) })), "vendor_data.raw");
        Assert.Contains("is 129 characters; string values may have at most 128", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vendor_data_order_id_has_at_most_64_characters()
    {
        Assert.Empty(OrderActionRules.Check(Vendor(new string('1', 64), null)));
        Assert.Equal("vendor_data.order_id is 65 characters; Ticketscloud allows at most 64.",
            Problem(OrderActionRules.Check(Vendor(new string('1', 65), null)), "vendor_data.order_id"));
    }

    [Fact]
    public void No_change_to_a_done_ticketscloud_order()
    {
        var send = new OrderAction { Kind = OrderActionKinds.SendTickets, SendTickets = true };

        Assert.Empty(OrderActionRules.CheckAgainst(send, new OrderFacts { Status = "executed" }));
        Assert.Contains("done", Problem(OrderActionRules.CheckAgainst(send, new OrderFacts { Status = "done" }), "action"), StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_language_is_en_or_ru()
    {
        var customer = new OrderAction { Kind = OrderActionKinds.SetCustomer, Customer = new CustomerSettings("Ivan", null, null, "de") };
        Assert.Equal("customer.lang must be en or ru.", Problem(OrderActionRules.Check(customer), "customer.lang"));
    }
}
