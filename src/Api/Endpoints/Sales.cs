using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Endpoints;

public static class Sales
{
    public static RouteGroupBuilder MapSales(this RouteGroupBuilder api)
    {
        api.MapGroup("/sales").WithTags("Sales")
            .MapGet("/daily", Daily)
            .WithName("GetDailySales")
            .ProducesAlternative(ResponseFormat.CsvMediaType);
        return api;
    }

    /// <summary>Sales by local day (per event by default), with a totals row.</summary>
    /// <remarks>
    /// Tickets sold, gross, ticket revenue and service fees fall on the local day the order was paid; refunds on
    /// the local day of the refund (docs/sales-rules.md). Read from the maintained <c>daily_sales</c> table, kept
    /// within seconds of every order write. A <c>tz</c> other than <c>Sales:TimeZone</c> is computed from the orders
    /// for the request (slower; <c>source</c> and <c>note</c> say so). <c>format=csv</c> (or <c>Accept: text/csv</c>)
    /// streams a CSV attachment. Rows are per account (<c>account</c> column); only accounts the key may read
    /// (<c>Auth:ApiKeys:n:Accounts</c>) are included.
    /// </remarks>
    /// <response code="200">The report, or the CSV export.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (e.g. <c>tz</c>, <c>from</c>, <c>group_by</c>, <c>account</c>).</response>
    public static async Task<Results<Ok<DailySalesReportDto>, PushStreamHttpResult, ValidationProblem>> Daily(
        [AsParameters] DailySalesParameters parameters,
        HttpContext http,
        SalesReader reader,
        PostgresTimeZones zones,
        ReadableAccounts accounts,
        IOptions<SalesOptions> sales,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sales);
        var query = new QueryText();
        ArgumentNullException.ThrowIfNull(accounts);
        var parsed = parameters.Parse(query, sales.Value.TimeZone);
        var q = parsed with
        {
            Accounts = await accounts.ResolveAsync(http.User, parameters.Account, query, cancellationToken, parsed.Platform is { } platform ? [platform] : null),
        };
        var csv = ResponseFormat.WantsCsv(http.Request, parameters.Format, query);
        if (!query.HasErrors && !await zones.KnowsAsync(q.TimeZone, cancellationToken))
        {
            query.Fail("tz", $"'{q.TimeZone}' is not a time zone the database knows.");
        }
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var (source, note) = await reader.PlanAsync(q, cancellationToken);
        if (csv)
        {
            return TypedResults.Stream(
                stream => DailySalesCsv.WriteAsync(stream, reader.DailyAsync(q, source, http.RequestAborted), http.RequestAborted),
                "text/csv; charset=utf-8",
                "daily-sales.csv");
        }
        var rows = new List<DailySalesRowDto>();
        var totals = new DailySalesRowDto();
        await foreach (var row in reader.DailyAsync(q, source, cancellationToken))
        {
            rows.Add(row);
            totals = totals.Add(row);
        }
        return TypedResults.Ok(new DailySalesReportDto
        {
            TimeZone = q.TimeZone, From = q.From, To = q.To, EventId = q.EventId, GroupBy = q.GroupBy,
            Source = source, Platform = q.Platform, Note = note, Rows = rows, Totals = totals,
        });
    }
}
