using System.Globalization;
using System.Text;
using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>
/// QTickets' order write endpoints with their documented rules (docs/sources.md, seed 001): refund or delete
/// baskets (<c>DELETE /orders/{id}/baskets</c>), restore a cancelled order, edit a basket. Every call is counted as
/// a write (<c>writeEndpointCalls</c>) and recorded in the <see cref="CommandLedger"/>.
/// </summary>
public static class CommandEndpoints
{
    public static void MapCommandEndpoints(this IEndpointRouteBuilder api)
    {
        var commands = api.MapGroup("").AddEndpointFilter<BearerAuthFilter>();
        commands.MapDelete("/orders/{id:int}/baskets", (int id, HttpContext context, EmulatorStore store, CommandLedger ledger, EmulatorStats stats) =>
            HandleAsync(context, ledger, stats, $"order:{id}", body => DeleteBaskets(context, store, ledger, id, body)));
        commands.MapPost("/orders/{id:int}/restore", (int id, HttpContext context, EmulatorStore store, CommandLedger ledger, EmulatorStats stats) =>
            HandleAsync(context, ledger, stats, $"order:{id}", _ => Restore(store, id)));
        commands.MapPut("/baskets/{id:int}", (int id, HttpContext context, EmulatorStore store, CommandLedger ledger, EmulatorStats stats) =>
            HandleAsync(context, ledger, stats, store.OrderOfBasket(id) is { } order ? $"order:{order}" : $"basket:{id}",
                body => EditBasket(store, id, body)));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, CommandLedger ledger, EmulatorStats stats, string order, Func<JsonElement, IResult> handle)
    {
        Interlocked.Increment(ref stats.WriteEndpointCalls);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        ledger.Enter(order);
        IResult result;
        try
        {
            if (ledger.ProcessingDelay > TimeSpan.Zero)
            {
                await Task.Delay(ledger.ProcessingDelay, context.RequestAborted);
            }

            JsonElement body;
            try
            {
                using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                body = default;
            }

            result = body.ValueKind == JsonValueKind.Object ? handle(body) : ApiError.BadRequest("Body must be a JSON object");
        }
        finally
        {
            ledger.Leave(order);
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        ledger.Record(new CommandCall(context.Request.Method, context.Request.Path.Value ?? "", text, status, DateTimeOffset.UtcNow));
        if (result is DroppedConnection)
        {
            context.Abort();
            return Results.Empty;
        }

        return result;
    }

    private static IResult DeleteBaskets(HttpContext context, EmulatorStore store, CommandLedger ledger, int id, JsonElement body)
    {
        var refund = body.TryGetProperty("refund", out var r) && r.ValueKind == JsonValueKind.Object;
        var part = refund ? r : body.TryGetProperty("delete", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("baskets", out var baskets) || baskets.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest("Expected {\"refund\":{…,\"baskets\":{…}}} or {\"delete\":{\"baskets\":{…}}}");
        }

        long? amount = refund ? Kopecks(part, "amount") : null;
        long? deduction = refund ? Kopecks(part, "deduction_amount") : null;
        if (refund && amount is not null && deduction is not null)
        {
            return ApiError.BadRequest("Pass amount or deduction_amount, not both");
        }

        if (refund && amount is null && deduction is null)
        {
            return ApiError.BadRequest("amount or deduction_amount is required");
        }

        var requested = new List<(int Id, int[] Related)>();
        foreach (var basket in baskets.EnumerateObject())
        {
            if (!int.TryParse(basket.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var basketId) || basket.Value.ValueKind != JsonValueKind.Array)
            {
                return ApiError.BadRequest($"Bad basket entry \"{basket.Name}\"");
            }

            requested.Add((basketId, [.. basket.Value.EnumerateArray().Select(e => e.GetInt32())]));
        }

        var outcome = store.Edit(id, (order, time) =>
        {
            if (refund && !order.PayedValue)
            {
                return ApiError.BadRequest("Order is not paid");
            }

            var affected = new List<int>();
            foreach (var (basketId, related) in requested)
            {
                var index = Array.FindIndex(order.BasketsValue, b => b.IdValue == basketId);
                if (index < 0)
                {
                    return ApiError.Create(StatusCodes.Status400BadRequest, $"Basket {basketId} is not in order {id}", "BASKET_NOT_FOUND");
                }

                var children = Enumerable.Range(index + 1, order.BasketsValue[index].RelatedCount).ToList();
                var chosen = related.Length == 0
                    ? children.Prepend(index).ToList()
                    : related.Select(child => children.Find(c => order.BasketsValue[c].IdValue == child) is var c && c > 0 ? c : -1).ToList();
                if (chosen.Contains(-1))
                {
                    return ApiError.BadRequest($"A related basket is not part of basket {basketId}");
                }

                affected.AddRange(chosen);
            }

            foreach (var index in affected)
            {
                ref readonly var basket = ref order.BasketsValue[index];
                if (basket.RefundedAtSec != 0 || !basket.IsActive)
                {
                    return ApiError.BadRequest($"Basket {basket.IdValue} is already {(basket.RefundedAtSec != 0 ? "refunded" : "deleted")}");
                }
            }

            var paid = affected.Sum(i => (long)order.BasketsValue[i].PriceKop);
            if ((amount ?? deduction ?? 0) > paid)
            {
                return ApiError.BadRequest($"{(amount is null ? "deduction_amount" : "amount")} exceeds the paid sum {paid / 100m:0.00}");
            }

            if (refund)
            {
                OrderLifecycle.RefundExact(order, affected, amount, deduction, time);
            }
            else
            {
                OrderLifecycle.DeleteBaskets(order, affected, time);
            }

            var answer = OrderAnswer(order.Snapshot(), asArray: false);
            return refund && ledger.TakeDrop() ? new DroppedConnection() : answer;
        });
        return outcome ?? ApiError.NotFound();
    }

    private static IResult Restore(EmulatorStore store, int id) =>
        store.Edit(id, (order, time) =>
        {
            if (Array.Exists(order.BasketsValue, b => b.RefundedAtSec != 0))
            {
                return ApiError.BadRequest("The order has refunds and cannot be restored");
            }

            if (order.DeletedAtSec == 0)
            {
                return ApiError.BadRequest("The order is not cancelled");
            }

            OrderLifecycle.Restore(order, time);
            return OrderAnswer(order.Snapshot(), asArray: true);
        }) ?? ApiError.NotFound();

    private static IResult EditBasket(EmulatorStore store, int basketId, JsonElement body)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest("Expected {\"data\":{…}}");
        }

        var price = Kopecks(data, "ticket_original_price");
        var discount = Kopecks(data, "discount_value");
        var edits = new BasketEdits
        {
            ClientEmail = Text(data, "client_email"),
            ClientName = Text(data, "client_name"),
            ClientSurname = Text(data, "client_surname"),
            ClientMiddlename = Text(data, "client_middlename"),
            MultipriceCode = Text(data, "multiprice_code"),
        };
        return store.OrderOfBasket(basketId) is not { } orderId
            ? ApiError.NotFound()
            : store.Edit(orderId, (order, time) =>
            {
                var index = Array.FindIndex(order.BasketsValue, b => b.IdValue == basketId);
                if ((price is not null || discount is not null) && order.PayedValue)
                {
                    return ApiError.BadRequest("ticket_original_price and discount_value can be changed only for an unpaid order");
                }

                OrderLifecycle.EditBasket(order, index, edits, price, discount, time);
                var snapshot = order.Snapshot();
                return new Utf8JsonResult(w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("data");
                    OrderJsonWriter.WriteBasket(w, snapshot, index);
                    w.WriteEndObject();
                });
            }) ?? ApiError.NotFound();
    }

    private static IResult OrderAnswer(Order order, bool asArray) =>
        new Utf8JsonResult(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            if (asArray)
            {
                w.WriteStartArray();
            }

            OrderJsonWriter.Write(w, order);
            if (asArray)
            {
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });

    private static long? Kopecks(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? (long)Math.Round(value.GetDecimal() * 100m)
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The change is applied; the caller gets no answer at all.</summary>
    private sealed class DroppedConnection : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
    }
}
