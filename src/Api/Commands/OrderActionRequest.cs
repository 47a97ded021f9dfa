using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Api.Commands;

/// <summary>
/// Body of <c>POST /api/v1/orders/{account}/{id}/actions</c>: one action and its parts, named as the platforms
/// name them (snake_case). Unknown fields are refused, so a misspelt <c>deduction_amount</c> cannot silently
/// turn into a different refund.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OrderActionRequest
{
    /// <summary>What to do; QTickets: <c>refund_baskets</c>, <c>delete_baskets</c>, <c>restore_order</c>, <c>edit_basket</c>; Ticketscloud: <c>set_customer</c>, <c>set_vendor_data</c>, <c>send_tickets</c>, <c>apply_promocodes</c>.</summary>
    [JsonPropertyName("action")]
    [ClosedSet(typeof(OrderActionKinds))]
    public string? Action { get; init; }

    /// <summary><c>refund_baskets</c>, <c>delete_baskets</c>: basket id → <c>[]</c>, or the ids of its related season-ticket baskets to act on.</summary>
    [JsonPropertyName("baskets")]
    public Dictionary<string, long[]>? Baskets { get; init; }

    /// <summary><c>refund_baskets</c>: the sum to refund (exclusive with <c>deduction_amount</c>, at most what was paid).</summary>
    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary><c>refund_baskets</c>: the sum kept back; QTickets refunds the rest of the ticket prices.</summary>
    [JsonPropertyName("deduction_amount")]
    public decimal? DeductionAmount { get; init; }

    /// <summary><c>edit_basket</c>: the basket to change.</summary>
    [JsonPropertyName("basket_id")]
    public long? BasketId { get; init; }

    /// <summary><c>edit_basket</c>: the fields to change (prices only on an unpaid order).</summary>
    [JsonPropertyName("edit")]
    public BasketEditRequest? Edit { get; init; }

    /// <summary><c>set_customer</c>.</summary>
    [JsonPropertyName("customer")]
    public CustomerRequest? Customer { get; init; }

    /// <summary><c>set_vendor_data</c>: <c>order_id</c> ≤ 64 characters; <c>raw</c> ≤ 20 keys of ≤ 40 characters, string values ≤ 128.</summary>
    [JsonPropertyName("vendor_data")]
    public VendorDataRequest? VendorData { get; init; }

    /// <summary><c>send_tickets</c>: true to have Ticketscloud mail the tickets to the customer.</summary>
    [JsonPropertyName("send_tickets")]
    public bool? SendTickets { get; init; }

    /// <summary><c>apply_promocodes</c>: the codes (case does not matter).</summary>
    [JsonPropertyName("promocodes")]
    public string[]? Promocodes { get; init; }

    /// <summary>The domain action, or the fields that cannot become one.</summary>
    public (OrderAction? Action, IReadOnlyList<ActionProblem> Problems) ToAction()
    {
        if (Action is null || !OrderActionKinds.All.Contains(Action))
        {
            var allowed = string.Join(", ", OrderActionKinds.All);
            return (null, [new("action", Action is null
                ? $"action is required: one of {allowed}."
                : $"action: \"{Action}\" is not an action; one of {allowed}.")]);
        }
        Dictionary<long, IReadOnlyList<long>>? baskets = null;
        if (Baskets is not null)
        {
            baskets = [];
            foreach (var (key, related) in Baskets)
            {
                if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return (null, [new("baskets", $"basket id \"{key}\" is not a number.")]);
                }
                baskets[id] = related ?? [];
            }
        }
        return (new OrderAction
        {
            Kind = Action,
            Baskets = baskets,
            Amount = Amount,
            DeductionAmount = DeductionAmount,
            BasketId = BasketId,
            Edit = Edit is null ? null : new BasketEdit
            {
                ClientEmail = Edit.ClientEmail,
                ClientName = Edit.ClientName,
                ClientSurname = Edit.ClientSurname,
                ClientMiddlename = Edit.ClientMiddlename,
                MultipriceCode = Edit.MultipriceCode,
                TicketOriginalPrice = Edit.TicketOriginalPrice,
                DiscountValue = Edit.DiscountValue,
            },
            Customer = Customer is null ? null : new CustomerSettings(Customer.Name, Customer.Email, Customer.Phone, Customer.Lang),
            VendorData = VendorData is null ? null : new VendorData(VendorData.OrderId, VendorData.Raw),
            SendTickets = SendTickets,
            Promocodes = Promocodes,
        }, []);
    }
}

/// <summary>Fields of a QTickets basket edit.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BasketEditRequest
{
    [JsonPropertyName("client_email")] public string? ClientEmail { get; init; }
    [JsonPropertyName("client_name")] public string? ClientName { get; init; }
    [JsonPropertyName("client_surname")] public string? ClientSurname { get; init; }
    [JsonPropertyName("client_middlename")] public string? ClientMiddlename { get; init; }
    [JsonPropertyName("multiprice_code")] public string? MultipriceCode { get; init; }

    /// <summary>Only on an unpaid order.</summary>
    [JsonPropertyName("ticket_original_price")] public decimal? TicketOriginalPrice { get; init; }

    /// <summary>Only on an unpaid order.</summary>
    [JsonPropertyName("discount_value")] public decimal? DiscountValue { get; init; }
}

/// <summary>Ticketscloud's customer settings.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CustomerRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("phone")] public string? Phone { get; init; }

    [JsonPropertyName("lang")]
    [ClosedSet("en", "ru")]
    public string? Lang { get; init; }
}

/// <summary>Ticketscloud's <c>vendor_data</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VendorDataRequest
{
    /// <summary>The order's number in your system, at most 64 characters.</summary>
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }

    /// <summary>Free-form fields: at most 20 keys of at most 40 characters; string values at most 128 characters.</summary>
    [JsonPropertyName("raw")] public Dictionary<string, JsonElement>? Raw { get; init; }
}
