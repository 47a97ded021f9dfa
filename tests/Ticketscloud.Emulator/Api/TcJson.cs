using System.Text.Json.Nodes;
using Ticketscloud.Emulator.Data;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// Writes orders, refund requests and their <c>refs</c> as Ticketscloud does (seeds 002, 003). Call inside the
/// store's lock: the objects are live.
/// </summary>
public static class TcJson
{
    public static JsonObject Order(TcOrganizer organizer, TcOrder order)
    {
        var ev = organizer.EventOf(order);
        var settings = new JsonObject
        {
            ["invitation"] = order.Invitation,
            ["send_tickets"] = order.SendTickets,
            ["subscribe_agree"] = order.SubscribeAgree,
        };
        if (order.CustomerEmail is not null || order.CustomerName is not null || order.CustomerPhone is not null)
        {
            settings["customer"] = new JsonObject
            {
                ["email"] = order.CustomerEmail,
                ["lang"] = order.CustomerLang,
                ["name"] = order.CustomerName,
                ["phone"] = order.CustomerPhone,
            };
        }
        var tickets = new JsonArray();
        foreach (var t in order.Tickets)
        {
            tickets.Add(new JsonObject
            {
                ["barcode"] = t.Barcode,
                ["discount"] = TcWire.Money(t.Discount),
                ["extra"] = TcWire.Money(t.Extra),
                ["full"] = TcWire.Money(t.Full),
                ["id"] = t.Id,
                ["nominal"] = TcWire.Money(t.Nominal),
                ["number"] = t.Number,
                ["price"] = TcWire.Money(t.Price),
                ["serial"] = t.Serial,
                ["set"] = t.Set,
                ["status"] = t.Status,
            });
        }
        var setsValues = new JsonObject();
        foreach (var set in ev.Sets)
        {
            var promo = order.PromoCodes.Count > 0 ? organizer.PromoCodes.First(p => p.Id == order.PromoCodes[0]) : null;
            var discount = promo is null ? 0m : Math.Min(promo.Fix, set.Price);
            setsValues[set.Id] = new JsonObject
            {
                ["discount"] = TcWire.Money(discount),
                ["id"] = set.Id,
                ["nominal"] = TcWire.Money(set.Price - discount),
                ["price"] = TcWire.Money(set.Price),
                ["promocode"] = promo?.Id,
            };
        }
        return new JsonObject
        {
            ["code"] = order.Code,
            ["created_at"] = TcWire.Time(order.CreatedAt, ev),
            ["done_at"] = TcWire.Time(order.DoneAt, ev),
            ["event"] = order.Event,
            ["expired_after"] = TcWire.Time(order.ExpiredAfter, ev),
            ["id"] = order.Id,
            ["number"] = order.Number,
            ["org"] = order.Org,
            ["origin"] = order.Origin,
            ["promocodes"] = new JsonArray([.. order.PromoCodes.Select(p => (JsonNode)p)]),
            ["settings"] = settings,
            ["status"] = order.Status,
            ["tickets"] = tickets,
            ["values"] = new JsonObject
            {
                ["discount"] = TcWire.Money(order.Sum(t => t.Discount)),
                ["extra"] = TcWire.Money(order.Sum(t => t.Extra)),
                ["full"] = TcWire.Money(order.Sum(t => t.Full)),
                ["nominal"] = TcWire.Money(order.Sum(t => t.Nominal)),
                ["price"] = TcWire.Money(order.Sum(t => t.Price)),
                ["sets_values"] = setsValues,
                ["viral_promocodes"] = new JsonArray(),
            },
            ["vendor"] = order.Vendor,
            ["vendor_data"] = order.VendorData.DeepClone(),
        };
    }

    public static JsonObject RefundRequest(TcOrganizer organizer, TcRefundRequest request)
    {
        var ev = organizer.Events.First(e => e.Id == request.Event);
        return new JsonObject
        {
            ["amount"] = TcWire.Money(request.Amount),
            ["created_at"] = TcWire.Time(request.CreatedAt, ev),
            ["event"] = request.Event,
            ["id"] = request.Id,
            ["order"] = request.Order,
            ["org"] = request.Org,
            ["reason"] = request.Reason,
            ["status"] = request.Status,
            ["tickets"] = new JsonArray([.. request.Tickets.Select(t => (JsonNode)t)]),
            ["updated_at"] = TcWire.Time(request.UpdatedAt, ev),
        };
    }

    /// <summary>
    /// <c>refs</c> for the given orders: their events (with timezone when the event has one), partners (org and
    /// vendor), sets of their tickets and promo codes.
    /// </summary>
    public static JsonObject Refs(TcOrganizer organizer, IEnumerable<TcOrder> orders)
    {
        var events = new JsonObject();
        var sets = new JsonObject();
        var promocodes = new JsonObject();
        foreach (var order in orders)
        {
            var ev = organizer.EventOf(order);
            if (!events.ContainsKey(ev.Id))
            {
                var json = new JsonObject
                {
                    ["id"] = ev.Id,
                    ["lifetime"] = new JsonObject { ["finish"] = TcWire.Time(ev.Finish, ev), ["start"] = TcWire.Time(ev.Start, ev) },
                    ["org"] = ev.Org,
                    ["status"] = ev.Status,
                    ["title"] = new JsonObject { ["desc"] = ev.Description, ["text"] = ev.Title },
                };
                if (ev.TimeZone is not null)
                {
                    json["timezone"] = ev.TimeZone;
                }
                events[ev.Id] = json;
            }
            foreach (var ticket in order.Tickets)
            {
                if (!sets.ContainsKey(ticket.Set))
                {
                    var set = ev.Sets.First(s => s.Id == ticket.Set);
                    sets[set.Id] = new JsonObject { ["id"] = set.Id, ["name"] = set.Name, ["price"] = TcWire.Money(set.Price), ["with_seats"] = set.WithSeats };
                }
            }
            foreach (var id in order.PromoCodes)
            {
                var promo = organizer.PromoCodes.First(p => p.Id == id);
                promocodes[id] = new JsonObject
                {
                    ["code"] = promo.Code,
                    ["discount"] = new JsonObject { ["fix"] = TcWire.Money(promo.Fix) },
                    ["id"] = promo.Id,
                    ["viral"] = false,
                };
            }
        }
        return new JsonObject
        {
            ["events"] = events,
            ["partners"] = new JsonObject
            {
                [organizer.Id] = new JsonObject { ["id"] = organizer.Id, ["name"] = organizer.Name },
                [organizer.VendorId] = new JsonObject { ["id"] = organizer.VendorId, ["name"] = organizer.VendorName },
            },
            ["promocodes"] = promocodes,
            ["sets"] = sets,
        };
    }
}
