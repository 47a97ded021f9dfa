using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Typed client over Ticketscloud API v2. One <see cref="HttpClient"/> serves every account: each request carries
/// its account's base and <c>Authorization: key TOKEN</c>. Answers are read in full inside the resilience
/// pipeline, so a stalled body is cut by the per-attempt timeout and retried.
/// </summary>
public sealed partial class TicketscloudClient(
    HttpClient http, IOptions<TicketscloudOptions> options, TimeProvider time, ILogger<TicketscloudClient> logger)
    : ITicketscloudClient
{
    public const string HttpClientName = "Ticketscloud";

    public IAsyncEnumerable<TicketscloudPage<TicketscloudOrder>> ListOrdersAsync(
        TicketscloudAccount account, TicketscloudListQuery query, CancellationToken cancellationToken) =>
        PagesAsync(account, "orders", query, TicketscloudPayloadParser.Order, cancellationToken);

    public IAsyncEnumerable<TicketscloudPage<TicketscloudRefundRequest>> ListRefundRequestsAsync(
        TicketscloudAccount account, TicketscloudListQuery query, CancellationToken cancellationToken) =>
        PagesAsync(account, "refund_requests", query, TicketscloudPayloadParser.RefundRequest, cancellationToken);

    private delegate T RowReader<out T>(
        JsonElement row, IReadOnlyDictionary<string, (TicketscloudEvent Event, TimeZoneInfo Zone)> events,
        TimeZoneInfo fallback, DateTimeOffset observedAt);

    private async IAsyncEnumerable<TicketscloudPage<T>> PagesAsync<T>(
        TicketscloudAccount account, string resource, TicketscloudListQuery query, RowReader<T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.PageSize ?? options.Value.PageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 200, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.StartPage, 1, nameof(query));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        for (var page = query.StartPage; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(account.BaseUrl, PathAndQuery(resource, query, zone, page, pageSize)));
            request.Headers.Authorization = new AuthenticationHeaderValue("key", account.Token);
            if (account.Id is { } id)
            {
                request.Options.Set(SharedRateLimitHandler.AccountId, id);
            }
            ApiCallTally.Current?.CountList();
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var observedAt = time.GetUtcNow();
            var root = document.RootElement;
            if (TicketscloudJson.Get(root, "data") is not { ValueKind: JsonValueKind.Array } data)
            {
                throw new TicketscloudPayloadException($"answer to GET {resource} page {page} has no \"data\" list");
            }
            var events = TicketscloudPayloadParser.Events(root, zone, observedAt);
            var items = new List<T>(data.GetArrayLength());
            var unreadable = new List<TicketscloudUnreadable>();
            foreach (var row in data.EnumerateArray())
            {
                try
                {
                    items.Add(read(row, events, zone, observedAt));
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException)
                {
                    unreadable.Add(TicketscloudPayloadParser.Unreadable(row, ex));
                }
            }
            var (servedSize, total) = Pagination(root, pageSize);
            var rows = data.GetArrayLength();
            // With a total the walk ends where the documented pagination says; without one only an empty page ends it.
            var last = rows == 0 || (total is { } t && (long)page * servedSize >= t);
            LogPage(resource, page, rows, total);
            yield return new TicketscloudPage<T>(page, servedSize, total, items, [.. events.Values.Select(e => e.Event)], unreadable, last);
            if (last)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// <c>created_at=FROM,TO</c> as the documented example writes it (ISO, no offset), in the account's zone —
    /// the platform's own (Moscow) unless the account says otherwise.
    /// </summary>
    private static string PathAndQuery(string resource, TicketscloudListQuery query, TimeZoneInfo zone, int page, int pageSize)
    {
        static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
            TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var builder = new StringBuilder("v2/resources/").Append(resource)
            .Append("?created_at=").Append(Uri.EscapeDataString(Local(query.CreatedFrom, zone) + "," + Local(query.CreatedTo, zone)));
        if (query.Statuses.Count > 0)
        {
            builder.Append("&status=").Append(Uri.EscapeDataString(string.Join(',', query.Statuses)));
        }
        return builder.Append(CultureInfo.InvariantCulture, $"&page={page}&page_size={pageSize}").ToString();
    }

    private static (int PageSize, int? Total) Pagination(JsonElement root, int asked)
    {
        if (TicketscloudJson.Get(root, "pagination") is not { ValueKind: JsonValueKind.Object } pagination)
        {
            return (asked, null);
        }
        try
        {
            var served = TicketscloudJson.Int64(pagination, "page_size");
            var total = TicketscloudJson.Int64(pagination, "total");
            return (served is > 0 and <= int.MaxValue ? (int)served : asked, total is >= 0 and <= int.MaxValue ? (int)total : null);
        }
        catch (FormatException)
        {
            return (asked, null);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var detail = body.Length == 0 ? null : TicketscloudJson.Excerpt(body);
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new TicketscloudAuthException(response.StatusCode, detail)
                : new TicketscloudApiException(response.StatusCode, detail);
        }
    }

    private static Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamJson.ReadAsync(response, (message, exception) => new TicketscloudPayloadException(message, exception), cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ticketscloud {Resource} page {Page}: {Rows} rows (total {Total})")]
    private partial void LogPage(string resource, int page, int rows, int? total);
}
