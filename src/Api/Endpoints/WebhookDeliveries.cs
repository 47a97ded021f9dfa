using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The webhook inbox for operators: list, inspect and replay deliveries.</summary>
public static class WebhookDeliveries
{
    private static readonly IReadOnlyList<string> Statuses = ClosedSetAttribute.ConstantsOf(typeof(DeliveryStatuses));

    public static IEndpointRouteBuilder MapWebhookDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks/deliveries")
            .RequireAuthorization(AuthPolicies.Admin)
            .WithTags("Webhook deliveries")
            .ProducesKeyProblems();
        group.MapGet("", ListAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("Lists webhook deliveries, newest first (keyset paging on before_id)");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetWebhookDelivery")
            .WithSummary("One webhook delivery with its headers and body")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/replay", ReplayOneAsync).ActsOnOneDelivery(
            AuditActions.WebhookReplay, "ReplayWebhookDelivery", "Queues a delivery to be applied again; rejected deliveries answer 409");
        group.MapPost("/{id:long}/discard", DiscardAsync).ActsOnOneDelivery(
            AuditActions.WebhookDiscard, "DiscardWebhookDelivery", "Gives up on a delivery that cannot be applied: it becomes dead and is never retried");
        group.MapPost("/{id:long}/release", ReleaseAsync).ActsOnOneDelivery(
            AuditActions.WebhookRelease, "ReleaseWebhookDelivery", "Applies a quarantined delivery (stamped too far in the future) despite its stamp");
        group.MapPost("/replay", ReplayRangeAsync)
            .Audited(AuditActions.WebhookReplay)
            .WithName("ReplayWebhookDeliveries")
            .WithSummary("Queues every delivery with from_id <= id <= to_id to be applied again; rejected ones are skipped")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>
    /// An operator's action on one delivery: audited; 404 when there is no such delivery (or not one the key may
    /// touch), 409 when the delivery's state refuses the action.
    /// </summary>
    private static RouteHandlerBuilder ActsOnOneDelivery(this RouteHandlerBuilder route, string auditAction, string name, string summary) =>
        route.Audited(auditAction)
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<WebhookDeliveryPage>, ValidationProblem>> ListAsync(
        SyncDbContext db,
        HttpContext http,
        ReadableAccounts accounts,
        [FromQuery(Name = "account")] string[]? account,
        [FromQuery(Name = "status"), ClosedSet(typeof(DeliveryStatuses))] string? statusText,
        [FromQuery(Name = "event_type")] string? eventType,
        [FromQuery(Name = "order_id"), DeclaredAs(typeof(long))] string? orderIdText,
        [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] string? limitText,
        [FromQuery(Name = "before_id"), DeclaredAs(typeof(long))] string? beforeIdText,
        [FromQuery(Name = "include"), ClosedSet("body")] string? includeText,
        CancellationToken cancellationToken)
    {
        var text = new QueryText();
        var status = text.OneOf("status", statusText, Statuses);
        var orderId = text.Long("order_id", orderIdText);
        var take = text.Limit(limitText);
        var beforeId = text.Long("before_id", beforeIdText);
        var withBody = text.OneOf("include", includeText, ["body"]) is not null;
        var filter = await accounts.ResolveAsync(http.User, account, text, cancellationToken);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }

        var items = await Readable(db.WebhookDeliveries.AsNoTracking(), filter)
            .WhereGiven(status is not null, d => d.Status == status)
            .WhereGiven(eventType is not null, d => d.EventType == eventType)
            .WhereGiven(orderId is not null, d => d.OrderId == orderId)
            .WhereGiven(beforeId is not null, d => d.Id < beforeId)
            .OrderByDescending(d => d.Id)
            .Take(take)
            .Select(d => new WebhookDeliveryView(
                d.Id, db.Accounts.Where(a => a.Id == d.AccountId).Select(a => a.Name).FirstOrDefault(), d.ReceivedAt, d.EventType, d.OrderId, d.OrderUpdatedAt, d.Status, d.Reason, d.ResponseStatus,
                d.DuplicateCount, d.LastDuplicateAt, d.Attempts, d.ProcessedAt, d.ApplyOutcome, d.SignatureStatus, d.RemoteIp,
                null, withBody ? d.Body : null))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryPage(items, items.Count == take ? items[^1].Id : null));
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> GetAsync(
        long id, SyncDbContext db, HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        var delivery = await Readable(db.WebhookDeliveries.AsNoTracking(), await KeyAccountsAsync(http, accounts, cancellationToken))
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return delivery is null ? Missing(id) : TypedResults.Ok(View(delivery, await AccountNameAsync(db, delivery, cancellationToken), headers: true, delivery.Body));
    }

    private static IQueryable<WebhookDelivery> Readable(IQueryable<WebhookDelivery> deliveries, AccountFilter accounts) =>
        accounts.Ids is { } ids ? deliveries.Where(d => ids.Contains(d.AccountId)) : deliveries;

    private static Task<AccountFilter> KeyAccountsAsync(HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken) =>
        accounts.ResolveAsync(http.User, null, new QueryText(), cancellationToken);

    /// <summary>False when the key is limited to accounts and the delivery (if any) is not one of theirs: answer as if missing.</summary>
    private static async Task<bool> MayTouchAsync(
        long id, SyncDbContext db, HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        var filter = await KeyAccountsAsync(http, accounts, cancellationToken);
        return filter.Ids is null || await Readable(db.WebhookDeliveries, filter).AnyAsync(d => d.Id == id, cancellationToken);
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> ReplayOneAsync(
        long id, WebhookDeliveryStore store, SyncDbContext db, HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        if (!await MayTouchAsync(id, db, http, accounts, cancellationToken))
        {
            return Missing(id);
        }
        var change = await store.ReplayAsync(id, cancellationToken);
        if (change.Delivery is { Status: DeliveryStatuses.Rejected } rejected)
        {
            // A refused delivery never passed the door: a bad signature may be a forgery, and the rest cannot be
            // applied (not JSON, no id, truncated).
            return TypedResults.Problem(
                title: "Delivery cannot be replayed",
                detail: $"Delivery {id} was rejected ({rejected.Reason}); only accepted deliveries can be replayed.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return await AnswerAsync(id, change, db, cancellationToken);
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> DiscardAsync(
        long id, WebhookDeliveryStore store, SyncDbContext db, HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken) =>
        await MayTouchAsync(id, db, http, accounts, cancellationToken) ? await AnswerAsync(id, await store.DiscardAsync(id, cancellationToken), db, cancellationToken) : Missing(id);

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> ReleaseAsync(
        long id, WebhookDeliveryStore store, SyncDbContext db, HttpContext http, ReadableAccounts accounts, CancellationToken cancellationToken) =>
        await MayTouchAsync(id, db, http, accounts, cancellationToken) ? await AnswerAsync(id, await store.ReleaseAsync(id, cancellationToken), db, cancellationToken) : Missing(id);

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> AnswerAsync(
        long id, DeliveryTransition change, SyncDbContext db, CancellationToken cancellationToken) =>
        change switch
        {
            { Delivery: null } => Missing(id),
            { Moved: false, Delivery: { } delivery } => TypedResults.Problem(
                title: "Delivery is not in a state for this",
                detail: $"Delivery {id} is {delivery.Status}; this action takes only {string.Join(", ", change.AllowedFrom)}.",
                statusCode: StatusCodes.Status409Conflict),
            { Delivery: { } delivery } => TypedResults.Ok(View(delivery, await AccountNameAsync(db, delivery, cancellationToken), headers: false, body: null)),
        };

    private static ProblemHttpResult Missing(long id) => ApiProblems.NotFound("Delivery", $"No webhook delivery {id}.");

    private static async Task<Results<Ok<WebhookReplayResult>, ValidationProblem, ProblemHttpResult>> ReplayRangeAsync(
        [FromQuery(Name = "from_id"), DeclaredAs(typeof(long)), DeclaredRequired] string? fromIdText,
        [FromQuery(Name = "to_id"), DeclaredAs(typeof(long)), DeclaredRequired] string? toIdText,
        HttpContext http,
        WebhookDeliveryStore store,
        CancellationToken cancellationToken)
    {
        if (http.User.IsLimited())
        {
            return AuthProblems.LimitedToAccounts(http.User, "A range of deliveries spans every account; a key limited to some replays them one by one.");
        }
        var text = new QueryText();
        var fromId = text.Long("from_id", fromIdText);
        var toId = text.Long("to_id", toIdText);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }
        if (fromId is not { } from || toId is not { } to || from > to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from_id"] = ["from_id and to_id are both required, with from_id <= to_id"],
            });
        }
        var (requeued, skipped) = await store.ReplayRangeAsync(from, to, cancellationToken);
        return TypedResults.Ok(new WebhookReplayResult(requeued, skipped));
    }

    private static Task<string?> AccountNameAsync(SyncDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken) =>
        db.Accounts.Where(a => a.Id == delivery.AccountId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);

    private static WebhookDeliveryView View(WebhookDelivery d, string? account, bool headers, string? body)
    {
        JsonElement? headerJson = null;
        if (headers)
        {
            using var document = JsonDocument.Parse(d.Headers);
            headerJson = document.RootElement.Clone();
        }
        return new WebhookDeliveryView(
            d.Id, account, d.ReceivedAt, d.EventType, d.OrderId, d.OrderUpdatedAt, d.Status, d.Reason, d.ResponseStatus,
            d.DuplicateCount, d.LastDuplicateAt, d.Attempts, d.ProcessedAt, d.ApplyOutcome, d.SignatureStatus, d.RemoteIp,
            headerJson, body);
    }
}
