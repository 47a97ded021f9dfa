namespace Qtickets.Emulator.Api;

/// <summary>
/// The QTickets endpoints that change data and that nothing here may call, so each answers 405 and is counted
/// (<c>writeEndpointCalls</c> in the stats) whether or not the caller is authenticated. The order write endpoints
/// the command path uses are served, with their rules, by <see cref="CommandEndpoints"/> (and counted the same way).
/// </summary>
public static class WriteEndpoints
{
    public static void MapWriteEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/orders", Refuse);
        api.MapPost("/shows/{showId}/barcode/{code}", Refuse);
        api.MapPost("/shows/{showId}/barcodes", Refuse);
        api.MapPost("/clients", Refuse);
        api.MapPost("/events", Refuse);
        api.MapPut("/events/{id}", Refuse);
    }

    private static IResult Refuse(HttpContext context, EmulatorStats stats, ILogger<EmulatorStats> logger)
    {
        Interlocked.Increment(ref stats.WriteEndpointCalls);
        logger.LogWarning("Write endpoint called: {Method} {Path}", context.Request.Method, context.Request.Path);
        return ApiError.Create(StatusCodes.Status405MethodNotAllowed, "The emulator refuses writes: a sync client must never call this endpoint");
    }
}
