using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Commands;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Typed client over Ticketscloud's order PATCH (seed 003), behind <see cref="TicketscloudWriteAllowList"/>. A 409
/// (another change of the order still processed) comes back as <see cref="CommandAnswerKind.Busy"/>; promo-code
/// failures, which Ticketscloud reports inside a 200, come back as <see cref="CommandAnswer{TOrder}.Reason"/> of an
/// applied answer.
/// </summary>
public sealed class TicketscloudCommandClient(HttpClient http, IOptions<TicketscloudOptions> options, TimeProvider time) : ITicketscloudCommandClient
{
    public const string HttpClientName = "TicketscloudCommands";

    public async Task<CommandAnswer<TicketscloudOrder>> PatchAsync(
        CommandAccount account, string orderId, OrderAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var request = Addressed(account, HttpMethod.Patch, orderId);
        request.Content = new StringContent(Body(action).ToJsonString(), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await CommandExchange.SendAsync(
            http, request, "Ticketscloud", body => (OrderIn(account, body), Errors(body)), Errors, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TicketscloudOrder?> GetOrderAsync(CommandAccount account, string orderId, CancellationToken cancellationToken)
    {
        using var request = Addressed(account, HttpMethod.Get, orderId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = Errors(body) ?? TicketscloudJson.Excerpt(body);
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new TicketscloudAuthException(response.StatusCode, detail)
                : new TicketscloudApiException(response.StatusCode, detail);
        }
        return OrderIn(account, body) ?? throw new TicketscloudPayloadException($"answer to GET orders/{orderId} has no readable order");
    }

    /// <summary>The PATCH body of an action, in the shapes seed 003 documents.</summary>
    internal static JsonObject Body(OrderAction action) => action.Kind switch
    {
        OrderActionKinds.SetCustomer => new JsonObject
        {
            ["settings"] = new JsonObject { ["customer"] = Customer(action.Customer!) },
        },
        OrderActionKinds.SendTickets => new JsonObject { ["settings"] = new JsonObject { ["send_tickets"] = action.SendTickets } },
        OrderActionKinds.SetVendorData => new JsonObject { ["vendor_data"] = VendorData(action.VendorData!) },
        OrderActionKinds.ApplyPromocodes => new JsonObject { ["promocodes"] = new JsonArray([.. action.Promocodes!.Select(c => (JsonNode)c)]) },
        _ => throw new ArgumentException($"{action.Kind} is not a Ticketscloud action.", nameof(action)),
    };

    private static JsonObject Customer(CustomerSettings customer)
    {
        var json = new JsonObject();
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }
        Set("email", customer.Email);
        Set("lang", customer.Lang);
        Set("name", customer.Name);
        Set("phone", customer.Phone);
        return json;
    }

    private static JsonObject VendorData(VendorData vendorData)
    {
        var json = new JsonObject();
        if (vendorData.OrderId is not null)
        {
            json["order_id"] = vendorData.OrderId;
        }
        if (vendorData.Raw is not null)
        {
            var raw = new JsonObject();
            foreach (var (key, value) in vendorData.Raw)
            {
                raw[key] = JsonSerializer.SerializeToNode(value);
            }
            json["raw"] = raw;
        }
        return json;
    }

    private static HttpRequestMessage Addressed(CommandAccount account, HttpMethod method, string orderId)
    {
        ArgumentNullException.ThrowIfNull(account);
        var request = new HttpRequestMessage(method, new Uri(account.BaseUrl, $"v2/resources/orders/{Uri.EscapeDataString(orderId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("key", account.Token);
        return request;
    }

    /// <summary><c>errors[]</c> of an answer as one line (<c>code: msg; …</c>), or null when there are none.</summary>
    private static string? Errors(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                return null;
            }
            return string.Join("; ", errors.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
                ? $"{TicketscloudJson.String(e, "code")}: {TicketscloudJson.String(e, "msg")}"
                : e.ToString()));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TicketscloudOrder? OrderIn(CommandAccount account, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (TicketscloudJson.Get(root, "data") is not { ValueKind: JsonValueKind.Object } data)
            {
                return null;
            }
            var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.ZoneOf(account.Name));
            var observedAt = time.GetUtcNow();
            return TicketscloudPayloadParser.Order(data, TicketscloudPayloadParser.Events(root, zone, observedAt), zone, observedAt);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            // Not readable: the caller reads the order back instead.
            return null;
        }
    }
}
