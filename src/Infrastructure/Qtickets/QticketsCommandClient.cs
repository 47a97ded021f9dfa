using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Commands;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Typed client over QTickets' order write endpoints, behind <see cref="QticketsWriteAllowList"/>. Its pipeline
/// retries only the GET; a write gets one attempt with a timeout, and an answer that does not come is reported
/// as <see cref="CommandAnswerKind.Lost"/>, never guessed.
/// </summary>
public sealed class QticketsCommandClient(HttpClient http) : IQticketsCommandClient
{
    public const string HttpClientName = "QticketsCommands";

    public async Task<CommandAnswer<Order>> SendAsync(CommandAccount account, OrderAction action, long orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var request = Addressed(account, QticketsCommandRequests.For(action, orderId));
        // PUT /baskets/{id} answers the basket alone: the caller reads the whole order back for the mirror.
        return await CommandExchange.SendAsync(
            http, request, "QTickets",
            body => (action.Kind == OrderActionKinds.EditBasket ? null : OrderIn(body), (string?)null),
            ErrorText, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Order?> GetOrderAsync(CommandAccount account, long orderId, CancellationToken cancellationToken)
    {
        using var request = Addressed(account, new HttpRequestMessage(HttpMethod.Get, $"orders/{orderId}"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = ErrorText(body);
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new QticketsAuthException(response.StatusCode, error, null)
                : new QticketsApiException(response.StatusCode, error, null);
        }
        return OrderIn(body) ?? throw new OrderPayloadException($"answer to GET orders/{orderId} has no order");
    }

    /// <summary>One client serves every account: each request carries its account's base and token.</summary>
    private static HttpRequestMessage Addressed(CommandAccount account, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(account);
        request.RequestUri = new Uri(account.BaseUrl, request.RequestUri!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        return request;
    }

    /// <summary>
    /// The order in an answer: <c>{"data":{order}}</c> as <c>GET /orders/{id}</c> answers, the first of
    /// <c>{"data":[order]}</c> (restore is documented to answer an array), or a bare order.
    /// </summary>
    private static Order? OrderIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d : root;
            if (data.ValueKind == JsonValueKind.Array)
            {
                data = data.GetArrayLength() > 0 ? data[0] : default;
            }
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("id", out _) && data.TryGetProperty("baskets", out _)
                ? ListedOrder.ReadOne(data)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or UnreadableOrderException)
        {
            // An answer without a readable order: the caller reads the order back instead.
            return null;
        }
    }

    private static string? ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            var text = body.Trim();
            return text.Length == 0 ? null : text[..Math.Min(text.Length, 200)];
        }
    }
}
