using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary><c>GET /api/v1/audit</c>: the administrative acts, newest first.</summary>
public static class AuditLog
{
    private static readonly IReadOnlyList<string> Actions = ClosedSetAttribute.ConstantsOf(typeof(AuditActions));

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ListAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("Administrative acts (triggers, replays, discards, releases, order actions, erasures, host starts), newest first; keyset paging on before_id")
            .ProducesKeyProblems();
        return app;
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, ValidationProblem>> ListAsync(
        SyncDbContext db,
        [FromQuery(Name = "action"), ClosedSet(typeof(AuditActions))] string? actionText,
        [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] string? limitText,
        [FromQuery(Name = "before_id"), DeclaredAs(typeof(long))] string? beforeIdText,
        CancellationToken cancellationToken)
    {
        var text = new QueryText();
        var action = text.OneOf("action", actionText, Actions);
        var take = text.Limit(limitText);
        var beforeId = text.Long("before_id", beforeIdText);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }
        var entries = await db.AuditLog.AsNoTracking()
            .WhereGiven(action is not null, a => a.Action == action)
            .WhereGiven(beforeId is not null, a => a.Id < beforeId)
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(AuditEntryDto.From).ToList());
    }
}
