using System.Text.Json;
using Qtickets.Sync.Domain.Catalog;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Maps QTickets event (with its shows) and client objects to domain entities, keeping their raw JSON.</summary>
internal static class CatalogPayloadParser
{
    public static Event MapEvent(JsonElement json)
    {
        var id = RequireId(json, "event");
        var item = new Event
        {
            Id = id,
            Name = JsonValues.String(json, "name"),
            IsActive = JsonValues.Boolean(json, "is_active") ?? false,
            DeletedAt = JsonValues.Date(json, "deleted_at"),
            CurrencyId = JsonValues.String(json, "currency_id"),
            PlaceName = JsonValues.String(json, "place_name"),
            PlaceAddress = JsonValues.String(json, "place_address"),
            CityId = JsonValues.Int64(json, "city_id"),
            SiteUrl = JsonValues.String(json, "site_url"),
            ExternalId = JsonValues.String(json, "external_id"),
            Raw = json.GetRawText(),
        };
        if (JsonValues.TryGet(json, "shows", out var shows) && shows.ValueKind == JsonValueKind.Array)
        {
            foreach (var show in shows.EnumerateArray())
            {
                item.Shows.Add(MapShow(show, id));
            }
        }
        return item;
    }

    public static Client MapClient(JsonElement json)
    {
        var client = new Client
        {
            Id = RequireId(json, "client"),
            Email = JsonValues.String(json, "email"),
            Raw = json.GetRawText(),
        };
        if (JsonValues.TryGetObject(json, "details", out var details))
        {
            client.DetailsId = JsonValues.Int64(details, "id");
            client.Name = JsonValues.String(details, "name");
            client.Surname = JsonValues.String(details, "surname");
            client.Middlename = JsonValues.String(details, "middlename");
            client.Phone = JsonValues.String(details, "phone");
            client.VkId = JsonValues.String(details, "vk_id");
            client.FacebookId = JsonValues.String(details, "facebook_id");
        }
        return client;
    }

    private static Show MapShow(JsonElement json, long eventId) => new()
    {
        Id = RequireId(json, $"show of event {eventId}"),
        EventId = eventId,
        IsActive = JsonValues.Boolean(json, "is_active") ?? false,
        StartDate = JsonValues.Date(json, "start_date"),
        FinishDate = JsonValues.Date(json, "finish_date"),
        OpenDate = JsonValues.Date(json, "open_date"),
        SaleStartDate = JsonValues.Date(json, "sale_start_date"),
        SaleFinishDate = JsonValues.Date(json, "sale_finish_date"),
        Raw = json.GetRawText(),
    };

    private static long RequireId(JsonElement json, string what)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new OrderPayloadException($"{what} is not a JSON object");
        }
        return JsonValues.Int64(json, "id") ?? throw new OrderPayloadException($"{what} id is missing");
    }
}
