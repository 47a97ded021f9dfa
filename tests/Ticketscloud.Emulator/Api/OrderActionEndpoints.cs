using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ticketscloud.Emulator.Api;
using Ticketscloud.Emulator.Data;

namespace Ticketscloud.Emulator;

/// <summary>
/// Order actions (seed 003): <c>PATCH /v2/resources/orders/:id</c> with customer settings, <c>send_tickets</c>,
/// <c>vendor_data</c> and promo codes, plus <c>GET /v2/resources/orders/:id</c> to read one order back. A PATCH
/// that arrives while another PATCH of the same order is still being processed gets 409, as documented; a PATCH
/// of a <c>done</c> order gets 400; promo-code failures come back inside a 200 as <c>errors[]</c>.
/// </summary>
public static partial class TicketscloudEmulatorApp
{
    static partial void MapWriteEndpoints(RouteGroupBuilder resources)
    {
        var configuration = ((IEndpointRouteBuilder)resources).ServiceProvider.GetRequiredService<IConfiguration>();
        var store = ((IEndpointRouteBuilder)resources).ServiceProvider.GetRequiredService<TcStore>();
        // Settable at start (Ticketscloud__PatchProcessingDelayMs) and at run time through TcOrderActions.For(store).
        TcOrderActions.For(store).ProcessingDelay = TimeSpan.FromMilliseconds(configuration.GetValue($"{TcEmulatorOptions.SectionName}:PatchProcessingDelayMs", 0));
        resources.MapGet("orders/{id}", (string id, HttpContext context, TcStore store) =>
        {
            var organizer = KeyAuthFilter.Organizer(context);
            var body = store.Read(() => organizer.OrdersById.TryGetValue(id, out var order)
                ? new JsonObject { ["data"] = TcJson.Order(organizer, order), ["refs"] = TcJson.Refs(organizer, [order]) }.ToJsonString()
                : null);
            return body is null ? TcError.Create(StatusCodes.Status404NotFound, "not_found", "Order not found") : Results.Content(body, "application/json");
        });

        resources.MapPatch("orders/{id}", async (string id, HttpContext context, TcStore store) =>
        {
            var actions = TcOrderActions.For(store);
            var organizer = KeyAuthFilter.Organizer(context);
            JsonObject? patch;
            try
            {
                patch = await JsonSerializer.DeserializeAsync<JsonNode>(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                patch = null;
            }
            if (patch is null)
            {
                return TcError.Create(StatusCodes.Status400BadRequest, "bad_request", "Body must be a JSON object");
            }
            var key = $"{organizer.Id}:{id}";
            if (!actions.Begin(key))
            {
                return TcError.Create(StatusCodes.Status409Conflict, "conflict", "The previous change of this order is still being processed");
            }
            try
            {
                if (actions.ProcessingDelay > TimeSpan.Zero)
                {
                    await Task.Delay(actions.ProcessingDelay, context.RequestAborted);
                }
                if (actions.Hold is { } hold)
                {
                    await hold.WaitAsync(context.RequestAborted);
                }
                var (status, body) = store.Update(() => Apply(organizer, id, patch));
                actions.Processed();
                return Results.Content(body, "application/json", statusCode: status);
            }
            finally
            {
                actions.End(key);
            }
        });
    }

    private static (int Status, string Body) Apply(TcOrganizer organizer, string id, JsonObject patch)
    {
        static (int, string) Error(int status, string code, string message) =>
            (status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["msg"] = message }) }.ToJsonString());

        if (!organizer.OrdersById.TryGetValue(id, out var order))
        {
            return Error(StatusCodes.Status404NotFound, "not_found", "Order not found");
        }
        if (order.Status == "done")
        {
            return Error(StatusCodes.Status400BadRequest, "order_done", "A done order cannot be changed");
        }
        if (patch["vendor_data"] is JsonObject vendor && VendorDataProblem(vendor) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, "vendor_data", problem);
        }

        if (patch["settings"] is JsonObject settings)
        {
            if (settings["customer"] is JsonObject customer)
            {
                order.CustomerName = Text(customer, "name") ?? order.CustomerName;
                order.CustomerEmail = Text(customer, "email") ?? order.CustomerEmail;
                order.CustomerPhone = Text(customer, "phone") ?? order.CustomerPhone;
                order.CustomerLang = Text(customer, "lang") ?? order.CustomerLang;
            }
            if (settings["send_tickets"] is JsonValue send && send.TryGetValue<bool>(out var sendTickets))
            {
                order.SendTickets = sendTickets;
            }
        }
        if (patch["vendor_data"] is JsonObject vendorData)
        {
            foreach (var (name, value) in vendorData)
            {
                order.VendorData[name] = value?.DeepClone();
            }
        }
        var errors = new JsonArray();
        if (patch["promocodes"] is JsonArray codes)
        {
            foreach (var code in codes.Select(c => c?.GetValue<string>() ?? ""))
            {
                var promo = organizer.PromoCodes.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
                if (promo is null)
                {
                    errors.Add(new JsonObject { ["code"] = "promocode_not_found", ["msg"] = "Promocode not found" });
                }
                else if (order.PromoCodes.Contains(promo.Id))
                {
                    errors.Add(new JsonObject { ["code"] = "promocode_already_used", ["msg"] = "Promocode already used" });
                }
                else
                {
                    order.PromoCodes.Add(promo.Id);
                }
            }
        }
        var answer = new JsonObject { ["data"] = TcJson.Order(organizer, order), ["refs"] = TcJson.Refs(organizer, [order]) };
        if (errors.Count > 0)
        {
            // Promo-code failures do not change the status code (seed 003).
            answer["errors"] = errors;
        }
        return (StatusCodes.Status200OK, answer.ToJsonString());
    }

    private static string? VendorDataProblem(JsonObject vendor)
    {
        if (vendor["order_id"] is JsonValue orderId && orderId.TryGetValue<string>(out var text) && text.Length > 64)
        {
            return "vendor_data.order_id is longer than 64 characters";
        }
        if (vendor["raw"] is JsonObject raw)
        {
            if (raw.Count > 20)
            {
                return "vendor_data.raw has more than 20 keys";
            }
            foreach (var (name, value) in raw)
            {
                if (name.Length > 40)
                {
                    return "a vendor_data.raw key is longer than 40 characters";
                }
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 128)
                {
                    return "a vendor_data.raw value is longer than 128 characters";
                }
            }
        }
        return null;
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>
/// State of the order actions of one emulator (one <see cref="TcStore"/>): PATCHes in progress per order, how many
/// ever overlapped, the 409s given, and the processing delay tests turn.
/// </summary>
public sealed class TcOrderActions
{
    private static readonly ConditionalWeakTable<TcStore, TcOrderActions> PerStore = new();
    private readonly ConcurrentDictionary<string, int> arrived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> inProgress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> overlapByOrder = new(StringComparer.Ordinal);
    private TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource conflicted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int maxOverlap;
    private int conflicts;
    private int applied;

    /// <summary>How long each PATCH is processed before it is applied (and the order held busy).</summary>
    public TimeSpan ProcessingDelay { get; set; }

    /// <summary>When set, every PATCH waits for it while holding its order busy: a change "still being processed".</summary>
    public Task? Hold { get; set; }

    /// <summary>Starts <see cref="Started"/> and <see cref="Conflicted"/> afresh, for the next thing to watch.</summary>
    public void Rearm()
    {
        started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        conflicted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when a PATCH starts being processed (since the last <see cref="Rearm"/>).</summary>
    public Task Started => started.Task;

    /// <summary>Completes when a PATCH is refused with 409 (since the last <see cref="Rearm"/>).</summary>
    public Task Conflicted => conflicted.Task;

    /// <summary>The most PATCHes of one order that were ever at the emulator at the same time (refused ones included), any order.</summary>
    public int MaxOverlapPerOrder => Volatile.Read(ref maxOverlap);

    /// <summary>The most PATCHes of order <paramref name="orderId"/> that were ever at the emulator at the same time.</summary>
    public int MaxOverlapOf(string orderId) =>
        overlapByOrder.Where(p => p.Key.EndsWith(":" + orderId, StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(0).Max();

    public int Conflicts => Volatile.Read(ref conflicts);

    /// <summary>PATCHes that were processed (answered other than 409).</summary>
    public int ProcessedCount => Volatile.Read(ref applied);

    public static TcOrderActions For(TcStore store) => PerStore.GetValue(store, _ => new TcOrderActions());

    internal bool Begin(string order)
    {
        var now = arrived.AddOrUpdate(order, 1, (_, n) => n + 1);
        overlapByOrder.AddOrUpdate(order, now, (_, seen) => Math.Max(seen, now));
        int seen;
        while ((seen = Volatile.Read(ref maxOverlap)) < now && Interlocked.CompareExchange(ref maxOverlap, now, seen) != seen)
        {
        }
        if (inProgress.TryAdd(order, 0))
        {
            started.TrySetResult();
            return true;
        }
        arrived.AddOrUpdate(order, 0, (_, n) => n - 1);
        Interlocked.Increment(ref conflicts);
        conflicted.TrySetResult();
        return false;
    }

    internal void Processed() => Interlocked.Increment(ref applied);

    internal void End(string order)
    {
        inProgress.TryRemove(order, out _);
        arrived.AddOrUpdate(order, 0, (_, n) => n - 1);
    }
}
