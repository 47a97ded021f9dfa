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
            .ProducesCsvAlternative();
        return api;
    }

    /// <summary>Sales by local day and event, with a totals row.</summary>
    /// <remarks>
    /// Tickets sold and revenue fall on the day the order was paid; refunds on the day of the refund. Computed by
    /// the database function <c>qtickets_daily_sales</c>, so the figures reconcile exactly with the order rows.
    /// <c>format=csv</c> (or <c>Accept: text/csv</c>) streams a CSV attachment.
    /// </remarks>
    /// <response code="200">The report, or the CSV export.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (e.g. <c>tz</c>, <c>from</c>).</response>
    public static async Task<Results<Ok<DailySalesReportDto>, PushStreamHttpResult, ValidationProblem>> Daily(
        [AsParameters] DailySalesParameters parameters,
        HttpContext http,
        SalesReader reader,
        PostgresTimeZones zones,
        IOptions<SalesOptions> sales,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sales);
        var query = new QueryText();
        var q = parameters.Parse(query, sales.Value.TimeZone);
        var csv = ResponseFormat.WantsCsv(http.Request, parameters.Format, query);
        if (!query.HasErrors && !await zones.KnowsAsync(q.TimeZone, cancellationToken))
        {
            query.Fail("tz", $"'{q.TimeZone}' is not a time zone the database knows.");
        }
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        if (csv)
        {
            return TypedResults.Stream(
                stream => DailySalesCsv.WriteAsync(stream, reader.DailyAsync(q.TimeZone, q.EventId, q.From, q.To, http.RequestAborted), http.RequestAborted),
                "text/csv; charset=utf-8",
                "daily-sales.csv");
        }
        var rows = new List<DailySalesRowDto>();
        var totals = new DailySalesRowDto();
        await foreach (var row in reader.DailyAsync(q.TimeZone, q.EventId, q.From, q.To, cancellationToken))
        {
            rows.Add(row);
            totals = totals.Add(row);
        }
        return TypedResults.Ok(new DailySalesReportDto
        {
            TimeZone = q.TimeZone, From = q.From, To = q.To, EventId = q.EventId, Rows = rows, Totals = totals,
        });
    }
}
