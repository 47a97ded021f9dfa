using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// What an audit run found (docs/reconcile.md#audit) and the one call that heals it. Audits are started like any
/// reconcile: <c>POST /api/v1/sync/reconcile</c> with kind <c>audit</c>.
/// </summary>
public static class AuditFindings
{
    public static IEndpointRouteBuilder MapAuditFindings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync/runs/{id:long}")
            .WithTags("Sync runs")
            .ProducesKeyProblems();
        group.MapGet("/findings", FindingsAsync).RequireAuthorization(AuthPolicies.Read).WithName("ListAuditFindings")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/heal", HealAsync).RequireAuthorization(AuthPolicies.Admin).WithName("HealAudit")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>An audit's findings in id order, a page at a time, with its verdict and both sides' totals.</summary>
    /// <remarks>Contact details in differing fields are masked unless the key has <c>read:pii</c>.</remarks>
    private static async Task<Results<Ok<AuditFindingsPageDto>, ValidationProblem, ProblemHttpResult>> FindingsAsync(
        SyncDbContext db, HttpContext http, ReadableAccounts accounts, long id,
        [DeclaredAs(typeof(long))] string? after, [DeclaredAs(typeof(int))] string? limit, CancellationToken ct)
    {
        var text = new QueryText();
        var from = text.Long("after", after) ?? 0;
        var take = text.Limit(limit);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }
        if (await AuditRunAsync(db, http, accounts, id, ct) is (null, var problem))
        {
            return problem!;
        }
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        var rows = await db.AuditFindings.AsNoTracking().Where(f => f.RunId == id && f.Id > from)
            .OrderBy(f => f.Id).Take(take + 1).ToListAsync(ct);
        var result = await db.AuditResults.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == id, ct);
        var items = rows.Take(take).Select(f => new AuditFindingDto
        {
            Id = f.Id, Entity = f.Entity, Kind = f.Kind, OrderId = f.OrderId, TicketId = f.TicketId, EventId = f.EventId, Day = f.Day,
            Fields = AuditFieldDto.Parse(f.Fields, pii),
        }).ToList();
        return TypedResults.Ok(new AuditFindingsPageDto
        {
            RunId = id,
            Result = result is null ? null : AuditResultDto.From(result),
            Items = items,
            NextAfter = rows.Count > take ? items[^1].Id : null,
        });
    }

    /// <summary>Heals what the audit found: queues a full sweep of its account, which overwrites what differs; 202 with the run to poll.</summary>
    /// <remarks>Audit the account again once the sweep has succeeded: its verdict should be <c>equal</c>.</remarks>
    private static async Task<Results<Accepted<QueuedRun>, ProblemHttpResult>> HealAsync(
        SyncDbContext db, HttpContext http, ReadableAccounts readable, AccountDirectory accounts, SyncRunTrigger trigger, long id, CancellationToken ct)
    {
        var (run, problem) = await AuditRunAsync(db, http, readable, id, ct);
        if (run is null)
        {
            return problem!;
        }
        var account = await accounts.FindAsync(run.AccountId!.Value, ct);
        if (account is not { Settings.Enabled: true })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Account not enabled",
                detail: $"The account of audit {id} is no longer enabled in the settings; nothing can heal it.");
        }
        var queued = await trigger.HealAsync(account, SyncRunTriggers.Api, ct);
        return TypedResults.Accepted($"/api/v1/sync/runs/{queued.RunId}", queued);
    }

    /// <summary>The audit run <paramref name="id"/> if the key may read its account, else the problem to answer.</summary>
    private static async Task<(SyncRun? Run, ProblemHttpResult? Problem)> AuditRunAsync(
        SyncDbContext db, HttpContext http, ReadableAccounts accounts, long id, CancellationToken ct)
    {
        var filter = await accounts.ResolveAsync(http.User, null, new QueryText(), ct);
        var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null || run.AccountId is not { } accountId || !filter.Includes(accountId))
        {
            return (null, ApiProblems.NotFound("Sync run", $"No sync run {id}."));
        }
        if (run.Kind != SyncRunKinds.Audit)
        {
            return (null, ApiProblems.NotFound("Audit", $"Sync run {id} is a {run.Kind} run, not an audit; findings exist for audit runs only."));
        }
        return (run, null);
    }
}
