using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class SyncStatus
{
    public static RouteGroupBuilder MapSyncStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/sync/status", Get).WithTags("Sync").WithName("GetSyncStatus");
        return api;
    }

    /// <summary>Can the numbers be trusted right now?</summary>
    /// <remarks>
    /// Last webhook received and applied, last successful reconcile of each kind, the reconcile watermark, lags,
    /// pending and failed deliveries, gaps healed in the last 24 hours, and a verdict with its reasons.
    /// </remarks>
    /// <response code="200">The status and verdict.</response>
    public static async Task<Ok<SyncStatusDto>> Get(SyncStatusReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return TypedResults.Ok(await reader.ReadAsync(cancellationToken));
    }
}
