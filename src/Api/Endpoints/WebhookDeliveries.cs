using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The webhook inbox for operators: list, inspect and replay deliveries.</summary>
public static class WebhookDeliveries
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    private static readonly HashSet<string> Statuses =
    [
        DeliveryStatuses.Pending, DeliveryStatuses.Applied, DeliveryStatuses.Rejected, DeliveryStatuses.Flagged, DeliveryStatuses.Failed,
        DeliveryStatuses.Dead, DeliveryStatuses.Quarantined,
    ];

    public static IEndpointRouteBuilder MapWebhookDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks/deliveries")
            .RequireAuthorization(AuthPolicies.Admin)
            .WithTags("Webhook deliveries")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("", ListAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("Lists webhook deliveries, newest first (keyset paging on before_id)");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetWebhookDelivery")
            .WithSummary("One webhook delivery with its headers and body")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/replay", ReplayOneAsync)
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Queues a delivery to be applied again; rejected deliveries answer 409")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/discard", DiscardAsync)
            .WithName("DiscardWebhookDelivery")
            .WithSummary("Gives up on a delivery that cannot be applied: it becomes dead and is never retried")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/release", ReleaseAsync)
            .WithName("ReleaseWebhookDelivery")
            .WithSummary("Applies a quarantined delivery (stamped too far in the future) despite its stamp")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/replay", ReplayRangeAsync)
            .WithName("ReplayWebhookDeliveries")
            .WithSummary("Queues every delivery with from_id <= id <= to_id to be applied again; rejected ones are skipped");
        return app;
    }

    private static async Task<Results<Ok<WebhookDeliveryPage>, ValidationProblem>> ListAsync(
        SyncDbContext db,
        [FromQuery, ClosedSet(typeof(DeliveryStatuses))] string? status,
        [FromQuery(Name = "event_type")] string? eventType,
        [FromQuery(Name = "order_id")] long? orderId,
        [FromQuery] int? limit,
        [FromQuery(Name = "before_id")] long? beforeId,
        [FromQuery, ClosedSet("body")] string? include,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", Statuses)}"];
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        }
        if (include is not null and not "body")
        {
            errors["include"] = ["include may only be 'body'"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.WebhookDeliveries.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }
        if (eventType is not null)
        {
            query = query.Where(d => d.EventType == eventType);
        }
        if (orderId is not null)
        {
            query = query.Where(d => d.OrderId == orderId);
        }
        if (beforeId is not null)
        {
            query = query.Where(d => d.Id < beforeId);
        }
        var take = limit ?? DefaultLimit;
        var withBody = include == "body";
        var items = await query
            .OrderByDescending(d => d.Id)
            .Take(take)
            .Select(d => new WebhookDeliveryView(
                d.Id, d.ReceivedAt, d.EventType, d.OrderId, d.OrderUpdatedAt, d.Status, d.Reason, d.ResponseStatus,
                d.DuplicateCount, d.LastDuplicateAt, d.Attempts, d.ProcessedAt, d.ApplyOutcome, d.SignatureStatus, d.RemoteIp,
                null, withBody ? d.Body : null))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryPage(items, items.Count == take ? items[^1].Id : null));
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, NotFound>> GetAsync(long id, SyncDbContext db, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return delivery is null ? TypedResults.NotFound() : TypedResults.Ok(View(delivery, headers: true, delivery.Body));
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, NotFound, ProblemHttpResult>> ReplayOneAsync(
        long id, SyncDbContext db, WebhookApplySignal applySignal, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }
        if (delivery.Status == DeliveryStatuses.Rejected)
        {
            // A refused delivery never passed the door: a bad signature may be a forgery, and the rest cannot be
            // applied (not JSON, no id, truncated).
            return TypedResults.Problem(
                title: "Delivery cannot be replayed",
                detail: $"Delivery {id} was rejected ({delivery.Reason}); only accepted deliveries can be replayed.",
                statusCode: StatusCodes.Status409Conflict);
        }
        await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status != DeliveryStatuses.Rejected)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Pending), cancellationToken);
        applySignal.Notify();
        var requeued = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        return TypedResults.Ok(View(requeued, headers: false, body: null));
    }

    private static Task<Results<Ok<WebhookDeliveryView>, NotFound, ProblemHttpResult>> DiscardAsync(
        long id, SyncDbContext db, CancellationToken cancellationToken) =>
        TransitionAsync(
            id, db, [DeliveryStatuses.Pending, DeliveryStatuses.Failed, DeliveryStatuses.Quarantined, DeliveryStatuses.Flagged],
            DeliveryStatuses.Dead, outcome: null, cancellationToken);

    private static async Task<Results<Ok<WebhookDeliveryView>, NotFound, ProblemHttpResult>> ReleaseAsync(
        long id, SyncDbContext db, WebhookApplySignal applySignal, CancellationToken cancellationToken)
    {
        var result = await TransitionAsync(
            id, db, [DeliveryStatuses.Quarantined], DeliveryStatuses.Pending, WebhookApplier.ReleasedOutcome, cancellationToken);
        applySignal.Notify();
        return result;
    }

    /// <summary>Moves a delivery from one of <paramref name="from"/> to <paramref name="to"/>, in one guarded UPDATE.</summary>
    private static async Task<Results<Ok<WebhookDeliveryView>, NotFound, ProblemHttpResult>> TransitionAsync(
        long id, SyncDbContext db, string[] from, string to, string? outcome, CancellationToken cancellationToken)
    {
        var moved = await db.WebhookDeliveries
            .Where(d => d.Id == id && from.Contains(d.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, to).SetProperty(d => d.ApplyOutcome, outcome), cancellationToken);
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }
        if (moved == 0)
        {
            return TypedResults.Problem(
                title: "Delivery is not in a state for this",
                detail: $"Delivery {id} is {delivery.Status}; this action takes only {string.Join(", ", from)}.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(View(delivery, headers: false, body: null));
    }

    private static async Task<Results<Ok<WebhookReplayResult>, ValidationProblem>> ReplayRangeAsync(
        [FromQuery(Name = "from_id")] long? fromId,
        [FromQuery(Name = "to_id")] long? toId,
        SyncDbContext db,
        WebhookApplySignal applySignal,
        CancellationToken cancellationToken)
    {
        if (fromId is null || toId is null || fromId > toId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from_id"] = ["from_id and to_id are both required, with from_id <= to_id"],
            });
        }
        var inRange = db.WebhookDeliveries.Where(d => d.Id >= fromId && d.Id <= toId);
        var requeued = await inRange
            .Where(d => d.Status != DeliveryStatuses.Rejected)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Pending), cancellationToken);
        var skipped = await inRange.CountAsync(d => d.Status == DeliveryStatuses.Rejected, cancellationToken);
        applySignal.Notify();
        return TypedResults.Ok(new WebhookReplayResult(requeued, skipped));
    }

    private static WebhookDeliveryView View(WebhookDelivery d, bool headers, string? body)
    {
        JsonElement? headerJson = null;
        if (headers)
        {
            using var document = JsonDocument.Parse(d.Headers);
            headerJson = document.RootElement.Clone();
        }
        return new WebhookDeliveryView(
            d.Id, d.ReceivedAt, d.EventType, d.OrderId, d.OrderUpdatedAt, d.Status, d.Reason, d.ResponseStatus,
            d.DuplicateCount, d.LastDuplicateAt, d.Attempts, d.ProcessedAt, d.ApplyOutcome, d.SignatureStatus, d.RemoteIp,
            headerJson, body);
    }
}
