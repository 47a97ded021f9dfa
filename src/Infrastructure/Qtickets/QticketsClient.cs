using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Typed client over QTickets REST API v1. Listings are streamed one page at a time; every answer is read in
/// full inside the resilience pipeline (the default buffered completion), so a body that stalls is cut by the
/// per-attempt timeout and retried instead of hanging the sync.
/// </summary>
public sealed class QticketsClient(HttpClient http, IOptions<QticketsOptions> options, ILogger<QticketsClient> logger)
    : IQticketsClient
{
    /// <summary>Name of the <see cref="HttpClient"/> registration, for tests and diagnostics.</summary>
    public const string HttpClientName = "Qtickets";

    private readonly QticketsOptions _options = options.Value;

    public async IAsyncEnumerable<OrderPage> ListOrdersAsync(
        OrderListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var perPage = query.PageSize ?? _options.PageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perPage, 200, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.StartPage, 1, nameof(query));

        var filter = OrderFilter.From(query);
        var pages = PagesAsync(
            "orders",
            page => QticketsRequests.Orders(filter, query.OrderBy, page, perPage, _options.Organization),
            ListedOrder.Read,
            row => row.Id,
            query.StartPage,
            perPage,
            cancellationToken);
        await foreach (var (facts, rows, last) in pages.ConfigureAwait(false))
        {
            // Paging facts count every row served, readable or not; the verdict reads only the orders.
            var orders = new List<Order>(rows.Count);
            var unreadable = new List<UnreadableRow>();
            foreach (var row in rows)
            {
                if (row.Order is { } order)
                {
                    orders.Add(order);
                }
                else
                {
                    // Logged where it is set aside, with the run's id.
                    unreadable.Add(row.Unreadable!);
                }
            }
            var verdict = ListingJudge.Of(orders, filter, query.OrderBy, facts.ReportedPerPage);
            ApiCallTally.Current?.Observe(verdict);
            yield return new OrderPage(facts.Page, orders, facts.Total, facts.PerPage, OffFilter(orders, filter, facts.Page), last, verdict)
            {
                Unreadable = unreadable,
            };
        }
    }

    /// <exception cref="UnreadableOrderException">The answer is JSON with a <c>data</c> object that is no readable order.</exception>
    public Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken) =>
        GetOneAsync($"orders/{id}", ListedOrder.ReadOne, cancellationToken);

    public async IAsyncEnumerable<IReadOnlyList<Event>> ListEventsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, events, _) in CatalogAsync("events", CatalogPayloadParser.MapEvent, e => (long?)e.Id, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return events;
        }
    }

    public Task<Event?> GetEventAsync(long id, CancellationToken cancellationToken) =>
        GetOneAsync($"events/{id}", CatalogPayloadParser.MapEvent, cancellationToken);

    private IAsyncEnumerable<(PageFacts Facts, List<T> Items, bool Last)> CatalogAsync<T>(
        string resource, Func<JsonElement, T> map, Func<T, long?> idOf, CancellationToken cancellationToken) =>
        PagesAsync(
            resource,
            page => QticketsRequests.Catalog(resource, page, _options.PageSize, _options.Organization),
            map,
            idOf,
            startPage: 1,
            _options.PageSize,
            cancellationToken);

    /// <summary>
    /// Counts the rows that contradict the filter. They are kept (each is a true version of its order); the
    /// count is logged at debug level because a server that ignores filters does so on every page, and the
    /// run's verdict already says so once.
    /// </summary>
    private int OffFilter(List<Order> orders, OrderFilter filter, int page)
    {
        var off = 0;
        foreach (var order in orders)
        {
            if (!filter.Admits(order))
            {
                off++;
            }
        }
        if (off > 0)
        {
            QticketsClientLog.FilterIgnored(
                logger, filter.PaidOnly, filter.UpdatedSince, filter.CreatedSince, off, orders.Count, page);
        }
        return off;
    }

    private async IAsyncEnumerable<(PageFacts Facts, List<T> Items, bool Last)> PagesAsync<T>(
        string resource,
        Func<int, HttpRequestMessage> requestFor,
        Func<JsonElement, T> map,
        Func<T, long?> idOf,
        int startPage,
        int perPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = new PageCursor();
        for (var page = startPage; ; page++)
        {
            var (facts, items) = await FetchPageAsync(resource, requestFor(page), map, idOf, page, perPage, cancellationToken)
                .ConfigureAwait(false);
            bool last;
            try
            {
                last = cursor.Advance(resource, facts);
            }
            catch (QticketsPagingException)
            {
                QticketsClientLog.PageRepeated(logger, page, resource, facts.FirstId, facts.LastId);
                throw;
            }
            if (facts.Rows > 0)
            {
                yield return (facts, items, last);
            }
            if (last)
            {
                yield break;
            }
        }
    }

    private async Task<(PageFacts Facts, List<T> Items)> FetchPageAsync<T>(
        string resource,
        HttpRequestMessage request,
        Func<JsonElement, T> map,
        Func<T, long?> idOf,
        int page,
        int perPage,
        CancellationToken cancellationToken)
    {
        using (request)
        {
            if (resource == "orders")
            {
                ApiCallTally.Current?.CountList();
            }
            else
            {
                ApiCallTally.Current?.CountCatalog();
            }
            using var response = await SendAsync(request, notFoundIsAnswer: false, cancellationToken).ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var items = ListEnvelope.Items(document.RootElement, map);
            var (currentPage, reportedPerPage, total) = ListEnvelope.Paging(document.RootElement);
            var facts = new PageFacts(
                page,
                items.Count,
                items.Count == 0 ? null : idOf(items[0]),
                items.Count == 0 ? null : idOf(items[^1]),
                currentPage,
                reportedPerPage,
                total)
            {
                PerPage = reportedPerPage ?? perPage,
            };
            QticketsClientLog.PageFetched(logger, page, resource, facts.Rows, facts.PerPage, total);
            return (facts, items);
        }
    }

    private async Task<T?> GetOneAsync<T>(string path, Func<JsonElement, T> map, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ApiCallTally.Current?.CountGet();
        using var response = await SendAsync(request, notFoundIsAnswer: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonValues.TryGetObject(document.RootElement, "data", out var data)
            ? map(data)
            : throw new OrderPayloadException($"answer to GET {path} has no \"data\" object");
    }

    /// <summary>Sends through the pipeline and turns failures into typed exceptions.</summary>
    /// <param name="notFoundIsAnswer">True for single-item reads, where 404 means "no such item", not an error.</param>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, bool notFoundIsAnswer, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || (notFoundIsAnswer && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }
        using (response)
        {
            var body = await QticketsErrorBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new QticketsAuthException(response.StatusCode, body.Error, body.Code)
                : new QticketsApiException(response.StatusCode, body.Error, body.Code);
        }
    }

    private static Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamJson.ReadAsync(response, (message, exception) => new OrderPayloadException(message, exception), cancellationToken);
}
