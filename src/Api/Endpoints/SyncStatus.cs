using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class SyncStatus
{
    public static RouteGroupBuilder MapSyncStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/sync/status", Get).WithTags("Sync").WithName("GetSyncStatus").ProducesValidationProblem();
        return api;
    }

    /// <summary>Can the numbers be trusted right now?</summary>
    /// <remarks>
    /// Last webhook received and applied, last successful reconcile of each kind, the reconcile watermark, lags,
    /// pending and failed deliveries, gaps healed in the last 24 hours, and a verdict with its reasons; over the
    /// accounts the key may read (or those named by <c>account</c>), with each of them in <c>accounts</c>.
    /// </remarks>
    /// <response code="200">The status and verdict.</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    /// <param name="account">Only these accounts (repeated or comma-separated); default every account the key may read.</param>
    public static async Task<Results<Ok<SyncStatusDto>, ValidationProblem>> Get(
        [FromQuery(Name = "account")] string[]? account, HttpContext http, SyncStatusReader reader, ReadableAccounts accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var query = new QueryText();
        var filter = await accounts.ResolveAsync(http.User, account, query, cancellationToken);
        return query.HasErrors
            ? TypedResults.ValidationProblem(query.Errors)
            : TypedResults.Ok(await reader.ReadAsync(filter, cancellationToken));
    }
}
