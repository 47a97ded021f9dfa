using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Reads a listing envelope row by row: an unreadable row (a wrong type, a bad id, a NUL the database cannot
/// store) is set aside with its reason and the rest of the page goes on.
/// </summary>
internal static class TicketscloudPayloadParser
{
    /// <summary>The events of <c>refs.events</c>, keyed by id, with the zone their times were read in.</summary>
    public static Dictionary<string, (TicketscloudEvent Event, TimeZoneInfo Zone)> Events(
        JsonElement root, TimeZoneInfo fallback, DateTimeOffset observedAt)
    {
        var events = new Dictionary<string, (TicketscloudEvent, TimeZoneInfo)>(StringComparer.Ordinal);
        if (TicketscloudJson.Get(root, "refs") is not { ValueKind: JsonValueKind.Object } refs
            || TicketscloudJson.Get(refs, "events") is not { ValueKind: JsonValueKind.Object } map)
        {
            return events;
        }
        foreach (var entry in map.EnumerateObject())
        {
            try
            {
                var e = entry.Value;
                var id = TicketscloudJson.OptionalId(e, "id") ?? TicketscloudJson.HexId(entry.Name, "refs.events key");
                var zoneName = TicketscloudJson.String(e, "timezone");
                var zone = zoneName is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var found) ? found : fallback;
                var lifetime = TicketscloudJson.Get(e, "lifetime") ?? default;
                var title = TicketscloudJson.Get(e, "title") ?? default;
                events[id] = (new TicketscloudEvent(
                    id,
                    TicketscloudJson.OptionalId(e, "org"),
                    title.ValueKind == JsonValueKind.Object ? TicketscloudJson.String(title, "text") : TicketscloudJson.String(e, "title"),
                    title.ValueKind == JsonValueKind.Object ? TicketscloudJson.String(title, "desc") : null,
                    zoneName,
                    TicketscloudJson.String(e, "status"),
                    lifetime.ValueKind == JsonValueKind.Object ? TicketscloudJson.Time(lifetime, "start", zone) : null,
                    lifetime.ValueKind == JsonValueKind.Object ? TicketscloudJson.Time(lifetime, "finish", zone) : null,
                    observedAt,
                    Storable(e.GetRawText())), zone);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                // An unreadable event costs only its own row; its orders fall back to the account's zone.
            }
        }
        return events;
    }

    public static TicketscloudOrder Order(
        JsonElement row, IReadOnlyDictionary<string, (TicketscloudEvent Event, TimeZoneInfo Zone)> events,
        TimeZoneInfo fallback, DateTimeOffset observedAt)
    {
        var eventId = TicketscloudJson.Id(row, "event");
        var zone = events.TryGetValue(eventId, out var known) ? known.Zone : fallback;
        var values = TicketscloudJson.Get(row, "values") is { ValueKind: JsonValueKind.Object } v
            ? v
            : throw new FormatException("\"values\" is missing");
        var settings = TicketscloudJson.Get(row, "settings");
        var customer = settings is { ValueKind: JsonValueKind.Object } s ? TicketscloudJson.Get(s, "customer") : null;
        var vendorData = TicketscloudJson.Get(row, "vendor_data");
        var tickets = new List<TicketscloudTicket>();
        if (TicketscloudJson.Get(row, "tickets") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("\"tickets\" is not a list");
            }
            foreach (var t in list.EnumerateArray())
            {
                tickets.Add(new TicketscloudTicket(
                    TicketscloudJson.Id(t, "id"),
                    TicketscloudJson.Int64(t, "number"),
                    TicketscloudJson.String(t, "barcode"),
                    TicketscloudJson.String(t, "serial"),
                    TicketscloudJson.OptionalId(t, "set"),
                    TicketscloudJson.String(t, "status"),
                    ValuesOf(t),
                    Storable(t.GetRawText())));
            }
        }
        return new TicketscloudOrder
        {
            Id = TicketscloudJson.Id(row, "id"),
            Number = TicketscloudJson.Int64(row, "number"),
            Code = TicketscloudJson.String(row, "code"),
            EventId = eventId,
            OrgId = TicketscloudJson.OptionalId(row, "org"),
            VendorId = TicketscloudJson.OptionalId(row, "vendor"),
            Origin = TicketscloudJson.String(row, "origin"),
            Status = TicketscloudJson.String(row, "status") ?? throw new FormatException("\"status\" is missing"),
            CreatedAt = TicketscloudJson.Time(row, "created_at", zone) ?? throw new FormatException("\"created_at\" is missing"),
            DoneAt = TicketscloudJson.Time(row, "done_at", zone),
            ExpiredAfter = TicketscloudJson.Time(row, "expired_after", zone),
            Values = ValuesOf(values),
            SetsValues = TicketscloudJson.Raw(values, "sets_values"),
            PromoCodes = TicketscloudJson.Ids(row, "promocodes"),
            ViralPromoCodes = TicketscloudJson.Ids(values, "viral_promocodes"),
            CustomerName = customer is { } c1 ? TicketscloudJson.String(c1, "name") : null,
            CustomerEmail = customer is { } c2 ? TicketscloudJson.String(c2, "email") : null,
            CustomerPhone = customer is { } c3 ? TicketscloudJson.String(c3, "phone") : null,
            CustomerLang = customer is { } c4 ? TicketscloudJson.String(c4, "lang") : null,
            SendTickets = settings is { } s1 ? TicketscloudJson.Boolean(s1, "send_tickets") : null,
            Invitation = settings is { } s2 ? TicketscloudJson.Boolean(s2, "invitation") : null,
            Settings = settings?.GetRawText(),
            VendorData = vendorData?.GetRawText(),
            VendorOrderId = vendorData is { ValueKind: JsonValueKind.Object } vd ? TicketscloudJson.String(vd, "order_id") : null,
            TimeZone = zone.Id,
            Tickets = tickets,
            ObservedAt = observedAt,
            Raw = Storable(row.GetRawText()),
        };
    }

    public static TicketscloudRefundRequest RefundRequest(
        JsonElement row, IReadOnlyDictionary<string, (TicketscloudEvent Event, TimeZoneInfo Zone)> events,
        TimeZoneInfo fallback, DateTimeOffset observedAt)
    {
        var eventId = TicketscloudJson.OptionalId(row, "event");
        var zone = eventId is not null && events.TryGetValue(eventId, out var known) ? known.Zone : fallback;
        var order = TicketscloudJson.Get(row, "order");
        return new TicketscloudRefundRequest
        {
            Id = TicketscloudJson.Id(row, "id"),
            // The order may come as its id or as an object carrying it.
            OrderId = order is { ValueKind: JsonValueKind.Object } o ? TicketscloudJson.Id(o, "id") : TicketscloudJson.Id(row, "order"),
            EventId = eventId,
            Status = TicketscloudJson.String(row, "status") ?? throw new FormatException("\"status\" is missing"),
            TicketIds = TicketscloudJson.Ids(row, "tickets"),
            Amount = TicketscloudJson.OptionalMoney(row, "amount"),
            Reason = TicketscloudJson.String(row, "reason"),
            CreatedAt = TicketscloudJson.Time(row, "created_at", zone),
            UpdatedAt = TicketscloudJson.Time(row, "updated_at", zone),
            ObservedAt = observedAt,
            Raw = Storable(row.GetRawText()),
        };
    }

    private static TicketscloudValues ValuesOf(JsonElement obj) => new(
        TicketscloudJson.Money(obj, "nominal"),
        TicketscloudJson.OptionalMoney(obj, "extra") ?? 0m,
        TicketscloudJson.Money(obj, "full"),
        TicketscloudJson.OptionalMoney(obj, "discount") ?? 0m,
        TicketscloudJson.Money(obj, "price"));

    /// <summary>PostgreSQL's jsonb holds no NUL character; such a row is set aside rather than failing its page.</summary>
    private static string Storable(string raw) =>
        raw.Contains("\\u0000", StringComparison.OrdinalIgnoreCase)
            ? throw new FormatException("contains a NUL character, which PostgreSQL cannot store")
            : raw;

    public static TicketscloudUnreadable Unreadable(JsonElement row, Exception exception)
    {
        string? id = null;
        try
        {
            id = TicketscloudJson.String(row, "id");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // The id is as unreadable as the rest.
        }
        var raw = row.GetRawText();
        return new TicketscloudUnreadable(
            id is null ? null : StorableText.Of(id, 64),
            StorableText.Of(raw, 4096),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))),
            StorableText.Of(exception.Message, 512));
    }
}
