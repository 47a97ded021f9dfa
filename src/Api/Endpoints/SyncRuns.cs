using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Api.Requests;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Reconciliation runs: history, progress, and starting one by hand.</summary>
public static class SyncRuns
{
    private static readonly IReadOnlyList<string> Kinds = ClosedSetAttribute.ConstantsOf(typeof(SyncRunKinds));
    private static readonly IReadOnlyList<string> Statuses = ClosedSetAttribute.ConstantsOf(typeof(SyncRunStatuses));

    public static IEndpointRouteBuilder MapSyncRuns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync")
            .WithTags("Sync runs")
            .ProducesKeyProblems();
        group.MapGet("/runs", ListAsync).RequireAuthorization(AuthPolicies.Read).WithName("ListSyncRuns");
        group.MapGet("/runs/{id:long}", GetAsync).RequireAuthorization(AuthPolicies.Read).WithName("GetSyncRun").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/reconcile", ReconcileAsync).Audited(AuditActions.SyncTrigger).RequireAuthorization(AuthPolicies.Admin).WithName("StartReconcile")
            .Accepts<ReconcileRequest>("application/json");
        group.MapPost("/backfill", BackfillAsync).Audited(AuditActions.SyncTrigger).RequireAuthorization(AuthPolicies.Admin).WithName("StartBackfill")
            .Accepts<BackfillRequest>("application/json");
        group.MapPost("/sales-drift", SalesDriftAsync).Audited(AuditActions.SyncTrigger).RequireAuthorization(AuthPolicies.Admin).WithName("StartSalesDriftCheck");
        return app;
    }

    /// <summary>Runs, newest first, optionally filtered by kind, status, start time and account.</summary>
    /// <remarks>A key limited to some accounts sees only their runs, not the deployment-wide ones (sales drift).</remarks>
    private static async Task<Results<Ok<List<SyncRunDto>>, ValidationProblem>> ListAsync(
        SyncDbContext db,
        HttpContext http,
        ReadableAccounts accounts,
        [FromQuery(Name = "account")] string[]? account,
        [ClosedSet(typeof(SyncRunKinds))] string? kind,
        [ClosedSet(typeof(SyncRunStatuses))] string? status,
        [DeclaredAs(typeof(DateTimeOffset))] string? since,
        [DeclaredAs(typeof(int))] string? limit,
        CancellationToken ct)
    {
        var text = new QueryText();
        var ofKind = text.OneOf("kind", kind, Kinds);
        var ofStatus = text.OneOf("status", status, Statuses);
        var from = text.Instant("since", since);
        var take = text.Limit(limit);
        var filter = await accounts.ResolveAsync(http.User, account, text, ct);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }
        return TypedResults.Ok(await Readable(db.SyncRuns.AsNoTracking(), filter)
            .WhereGiven(ofKind is not null, r => r.Kind == ofKind)
            .WhereGiven(ofStatus is not null, r => r.Status == ofStatus)
            .WhereGiven(from is not null, r => r.StartedAt >= from)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(take)
            .Select(SyncRunDto.FromRun).ToListAsync(ct));
    }

    /// <summary>One run: its kind, trigger, progress and outcome.</summary>
    private static async Task<Results<Ok<SyncRunDto>, ProblemHttpResult>> GetAsync(
        SyncDbContext db, HttpContext http, ReadableAccounts accounts, long id, CancellationToken ct) =>
        await Readable(db.SyncRuns.AsNoTracking(), await accounts.ResolveAsync(http.User, null, new QueryText(), ct))
            .Where(r => r.Id == id).Select(SyncRunDto.FromRun).SingleOrDefaultAsync(ct) is { } run
            ? TypedResults.Ok(run)
            : ApiProblems.NotFound("Sync run", $"No sync run {id}.");

    private static IQueryable<SyncRun> Readable(IQueryable<SyncRun> runs, AccountFilter accounts) =>
        accounts.Ids is { } ids ? runs.Where(r => r.AccountId != null && ids.Contains(r.AccountId.Value)) : runs;

    /// <summary>Queues a reconcile run; 202 with the run id to poll.</summary>
    /// <remarks>
    /// The run is <c>queued</c>, then <c>running</c> and finally <c>succeeded</c>, <c>failed</c> or <c>skipped</c>;
    /// poll <c>GET /api/v1/sync/runs/{runId}</c>.
    /// </remarks>
    private static async Task<Results<Accepted<QueuedRun>, ValidationProblem>> ReconcileAsync(
        HttpRequest http, SyncRunTrigger trigger, AccountDirectory accounts, ReconcilePlatforms platforms, ILoggerFactory loggers, CancellationToken ct)
    {
        var (request, bodyProblem) = await JsonBody.ReadAsync(http, RequestJsonContext.Default.ReconcileRequest, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        if (request!.Kind is not { } kind || !SyncRunTrigger.ReconcileKinds.Contains(kind))
        {
            loggers.CreateLogger(typeof(SyncRuns)).LogInformation("Reconcile request refused: kind {Kind}", request.Kind);
            var allowed = string.Join(", ", ReconcileRequest.Kinds);
            return JsonBody.Problem("kind", request.Kind is null
                ? $"kind is required: one of {allowed}."
                : $"kind: \"{request.Kind}\" is not a reconcile kind; one of {allowed}.");
        }
        var (account, problem) = await AccountOfAsync(request.Account, ApiKeyAccounts.Of(http.HttpContext.User), accounts, ct);
        if (problem is not null)
        {
            return problem;
        }
        var served = platforms.KindsOf(account!.Platform).Intersect(SyncRunTrigger.ReconcileKinds).Order(StringComparer.Ordinal).ToList();
        if (!served.Contains(kind))
        {
            return JsonBody.Problem("kind", $"kind: a {account.Platform} account has no {kind} run; one of {string.Join(", ", served)}.");
        }
        var queued = await trigger.ReconcileAsync(account, kind, SyncRunTriggers.Api, ct);
        return TypedResults.Accepted($"/api/v1/sync/runs/{queued.RunId}", queued);
    }

    /// <summary>Queues a resumable backfill of paid orders changed since <c>from</c>; 202 with the run id to poll.</summary>
    private static async Task<Results<Accepted<QueuedRun>, ValidationProblem>> BackfillAsync(
        HttpRequest http, SyncRunTrigger trigger, AccountDirectory accounts, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (request, bodyProblem) = await JsonBody.ReadAsync(http, RequestJsonContext.Default.BackfillRequest, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        if (request!.From is not { } from || from > time.GetUtcNow())
        {
            loggers.CreateLogger(typeof(SyncRuns)).LogInformation("Backfill request refused: from {From}", request.From);
            const string Expected = "an ISO 8601 date-time with offset, not in the future, e.g. \"2024-01-01T00:00:00+03:00\"";
            return JsonBody.Problem("from", request.From is null
                ? $"from is required: {Expected}."
                : $"from: {request.From:O} is in the future; expected {Expected}.");
        }
        var (account, problem) = await AccountOfAsync(request.Account, ApiKeyAccounts.Of(http.HttpContext.User), accounts, ct);
        if (problem is not null)
        {
            return problem;
        }
        var queued = await trigger.BackfillAsync(account!, from, SyncRunTriggers.Api, ct);
        return TypedResults.Accepted($"/api/v1/sync/runs/{queued.RunId}", queued);
    }

    /// <summary>
    /// The enabled account named (QTickets or Ticketscloud), or the only QTickets one when none is named; for a key
    /// limited to some accounts (<paramref name="allowed"/>) only those, others refused as if they did not exist.
    /// </summary>
    private static async Task<(SyncAccount? Account, ValidationProblem? Problem)> AccountOfAsync(
        string? name, IReadOnlySet<string>? allowed, AccountDirectory accounts, CancellationToken ct)
    {
        var account = name is null
            ? await accounts.SingleAsync(AccountPlatforms.Qtickets, ct)
            : await accounts.FindAsync(name, ct);
        if (account is { Settings.Enabled: true } && (account.Platform == AccountPlatforms.Qtickets || name is not null)
            && (allowed is null || allowed.Contains(account.Name)))
        {
            return (account, null);
        }
        var known = string.Join(", ", accounts.Configured
            .Where(a => a.Enabled && (allowed is null || allowed.Contains(a.Name)))
            .Select(a => a.Name));
        return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["account"] = [name is null
                ? $"account is required when several QTickets accounts are configured: one of {known}."
                : $"no enabled account is named '{name}'; one of {known}."],
        }));
    }

    /// <summary>Queues the daily sales drift check (it also runs nightly); 202 with the run id to poll.</summary>
    /// <remarks>
    /// The maintained table is compared with a full recompute; differing rows are repaired and counted in the run's
    /// <c>salesRowsDiffering</c> (0 expected).
    /// </remarks>
    private static async Task<Results<Accepted<QueuedRun>, ProblemHttpResult>> SalesDriftAsync(HttpContext http, SyncRunTrigger trigger, CancellationToken ct)
    {
        if (http.User.IsLimited())
        {
            return AuthProblems.LimitedToAccounts(http.User, "The sales drift check covers every account; a key limited to some may not start it.");
        }
        var queued = await trigger.SalesDriftAsync(SyncRunTriggers.Api, ct);
        return TypedResults.Accepted($"/api/v1/sync/runs/{queued.RunId}", queued);
    }
}

/// <param name="Kind"><c>incremental</c>, <c>full_sweep</c>, <c>catalog</c> or <c>audit</c> (compares the mirror with the platform without writing; findings at <c>/api/v1/sync/runs/{id}/findings</c>).</param>
/// <param name="Account">The account (<c>Accounts:n:Name</c>); may be left out when only one QTickets account is configured.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReconcileRequest(
    [property: ClosedSet(typeof(ReconcileRequest), nameof(ReconcileRequest.Kinds))] string? Kind, string? Account = null)
{
    /// <summary>The kinds a reconcile may be asked for, in the order the document and refusals list them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. SyncRunTrigger.ReconcileKinds.Order(StringComparer.Ordinal)];
}

/// <param name="From">Start of the backfill, e.g. <c>2024-01-01T00:00:00+03:00</c>.</param>
/// <param name="Account">The account (<c>Accounts:n:Name</c>); may be left out when only one QTickets account is configured.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BackfillRequest(DateTimeOffset? From, string? Account = null);
