using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Api.Commands;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.Requests;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Order actions: refunds, restores and order changes sent to the platforms through one safe path.</summary>
public static class OrderActions
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public static IEndpointRouteBuilder MapOrderActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders/{account}/{id}/actions")
            .WithTags("Order actions")
            .RequireAuthorization(AuthPolicies.Actions)
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", PostAsync).Audited(AuditActions.OrderAction).WithName("PostOrderAction")
            .Accepts<OrderActionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync).WithName("ListOrderActions");
        return app;
    }

    /// <summary>Sends one action on an order to its platform, once per <c>Idempotency-Key</c>.</summary>
    /// <remarks>
    /// The action is checked first (each rule answers 400 naming the field), then waits for any other command
    /// of the same order (one at a time per order, on every instance), is checked against the order as mirrored,
    /// stored, and sent. The order the platform returns is written to the mirror at once. The same key with the
    /// same body returns the stored command without sending anything (200); with another body it is refused (422).
    /// A refund whose answer was lost is resolved by reading the order back, never by sending it again on a guess.
    /// </remarks>
    /// <response code="201">The command ran; <c>state</c> says how it ended (<c>failed</c> carries the platform's reason).</response>
    /// <response code="200">The key was already used for this request: the stored command, nothing sent again.</response>
    /// <response code="400">The request or the action breaks a rule; <c>errors</c> names the field.</response>
    /// <response code="404">No such account, or the platform has no such order.</response>
    /// <response code="422">The Idempotency-Key already names a different request.</response>
    /// <response code="502">The platform could not be asked about the order before acting.</response>
    /// <response code="503">Another command of this order ran longer than <c>Commands:LockTimeout</c>; try again (same key).</response>
    public static async Task<Results<Created<OrderCommandDto>, Ok<OrderCommandDto>, ValidationProblem, ProblemHttpResult>> PostAsync(
        string account,
        string id,
        [FromHeader(Name = IdempotencyKeyHeader), DeclaredRequired] string? idempotencyKey,
        HttpRequest http,
        ClaimsPrincipal user,
        OrderCommandService commands,
        ChangeReader changes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(user);
        var pii = user.HasScope(ApiScopes.ReadPii);
        if (HiddenFrom(user, account))
        {
            return NoSuchAccount(account);
        }
        if (KeyProblem(idempotencyKey) is { } keyProblem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKeyHeader] = [keyProblem] });
        }
        var (request, bodyProblem) = await JsonBody.ReadAsync(http, RequestJsonContext.Default.OrderActionRequest, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        var (action, problems) = request!.ToAction();
        if (action is null)
        {
            return Invalid(problems);
        }
        var json = JsonSerializer.Serialize(request);
        var command = new CommandRequest(
            account, id, action, json, Hash(account, id, json), idempotencyKey!, user.Identity?.Name
                ?? throw new InvalidOperationException("Order actions are authorised for named API keys only."));
        CommandResult result;
        try
        {
            result = await commands.ExecuteAsync(command, cancellationToken);
        }
        catch (OrderBusyException busy)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Order busy", detail: busy.Message);
        }
        catch (QticketsApiException upstream)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Platform unavailable",
                detail: $"The order could not be read from the platform before acting: {(pii ? upstream.Message : PiiMask.EmailsIn(upstream.Message))}");
        }
        if (result is CommandResult.Done done)
        {
            var dto = (await WithHistoryAsync([done.Command], account, pii, changes, cancellationToken))[0];
            return done.Replayed ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/orders/{account}/{id}/actions", dto);
        }
        return result switch
        {
            CommandResult.Invalid invalid => Invalid(invalid.Problems),
            CommandResult.KeyReused reused => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused with a different request",
                detail: $"Key \"{idempotencyKey}\" already names command {reused.Existing.Id} ({reused.Existing.Action} on order {reused.Existing.OrderId}); "
                    + "use a new key for a new request."),
            CommandResult.OrderNotFound missing => ApiProblems.NotFound("Order", missing.Detail),
            CommandResult.AccountNotFound missing => ApiProblems.NotFound("Account", missing.Detail),
            _ => throw new InvalidOperationException($"Unexpected command result {result}."),
        };
    }

    /// <summary>The commands of one order, newest first.</summary>
    /// <remarks>Each command lists the order history entries it caused (<c>history</c>).</remarks>
    public static async Task<Results<Ok<List<OrderCommandDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string account, string id, [DeclaredAs(typeof(int))] string? limit, ClaimsPrincipal user, OrderCommandService commands,
        ICommandAccounts accounts, ChangeReader changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(user);
        if (HiddenFrom(user, account) || await accounts.FindAsync(account, cancellationToken) is not { } found)
        {
            return NoSuchAccount(account);
        }
        var text = new QueryText();
        var take = text.Limit(limit);
        if (text.HasErrors)
        {
            return TypedResults.ValidationProblem(text.Errors);
        }
        var rows = await commands.ListAsync(found.Id, id, take, cancellationToken);
        return TypedResults.Ok(await WithHistoryAsync(rows, account, user.HasScope(ApiScopes.ReadPii), changes, cancellationToken));
    }

    /// <summary>The commands (all of one order) as shown, each with the history entries it caused.</summary>
    private static async Task<List<OrderCommandDto>> WithHistoryAsync(
        IReadOnlyList<Domain.Commands.OrderCommand> rows, string account, bool pii, ChangeReader changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (rows.Count == 0)
        {
            return [];
        }
        var caused = await changes.CausedByCommandsAsync(rows[0].AccountId, rows[0].OrderId, [.. rows.Select(c => c.Id)], pii, cancellationToken);
        return [.. rows.Select(c => OrderCommandDto.From(c, account, pii) with { History = [.. caused[c.Id]] })];
    }

    private static ValidationProblem Invalid(IReadOnlyList<Domain.Commands.ActionProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "The action was refused before anything was sent");

    private static string? KeyProblem(string? key) => key switch
    {
        null or "" => $"The {IdempotencyKeyHeader} header is required: a unique value per intended action (a UUID, say); send the same one to retry safely.",
        { Length: > MaxKeyLength } => $"{IdempotencyKeyHeader} may have at most {MaxKeyLength} characters.",
        _ when key.Any(c => c is < '!' or > '~') => $"{IdempotencyKeyHeader} may contain only printable ASCII without spaces.",
        _ => null,
    };

    /// <summary>
    /// A key limited to some accounts (<c>Auth:ApiKeys:n:Accounts</c>) neither acts on nor lists another account's
    /// orders, and learns no more about it than about an account that does not exist.
    /// </summary>
    private static bool HiddenFrom(ClaimsPrincipal user, string account) =>
        ApiKeyAccounts.Of(user) is { } allowed && !allowed.Contains(account);

    private static ProblemHttpResult NoSuchAccount(string account) => ApiProblems.NotFound("Account", $"No account \"{account}\".");

    /// <summary>What "the same request" means for a key: the account, the order and the canonical body.</summary>
    private static string Hash(string account, string orderId, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}\n{orderId}\n{json}")));
}
