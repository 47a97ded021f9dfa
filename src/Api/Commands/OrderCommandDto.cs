using Qtickets.Sync.Domain.Accounts;
using System.Text.Json;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Api.Commands;

/// <summary>One order command as stored in <c>order_commands</c>: who asked what, and what became of it.</summary>
public sealed record OrderCommandDto
{
    public required long Id { get; init; }
    public required string Account { get; init; }

    [ClosedSet(typeof(AccountPlatforms))]
    public required string Platform { get; init; }

    public required string OrderId { get; init; }

    [ClosedSet(typeof(OrderActionKinds))]
    public required string Action { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c> (the platform refused; <c>error</c> says why) or <c>unknown</c> (no answer and the order could not be read back; send the same key again to re-check).</summary>
    [ClosedSet(typeof(OrderCommandStates))]
    public required string State { get; init; }

    /// <summary>Write calls sent; more than one only after the order, read back, showed the previous one did not happen.</summary>
    public required int Attempts { get; init; }

    /// <summary><c>answer</c> (the platform's reply) or <c>fetch</c> (the reply was lost; the order read back showed the outcome).</summary>
    [ClosedSet(typeof(OrderCommandResolutions))]
    public string? Resolution { get; init; }

    public string? Error { get; init; }

    /// <summary>The request as accepted.</summary>
    public required JsonElement Request { get; init; }

    /// <summary>The platform's last answer: <c>{"status":…,"body":…}</c>.</summary>
    public JsonElement? Response { get; init; }

    /// <summary>The mirrored order's <c>updated_at</c> before the action (null: it was not mirrored yet).</summary>
    public DateTimeOffset? OrderVersionBefore { get; init; }

    /// <summary>The <c>updated_at</c> of the order the platform returned, written to the mirror.</summary>
    public DateTimeOffset? OrderVersionAfter { get; init; }

    /// <summary>What the mirror did with the returned order.</summary>
    [ClosedSet("Inserted", "Updated", "Duplicate", "Stale")]
    public string? MirrorOutcome { get; init; }

    /// <summary>The name of the API key that sent the command (<c>Auth:ApiKeys:n:Name</c>), never the key itself.</summary>
    public required string RequestedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// The order history entries this command caused (as <c>GET /api/v1/orders/{account}/{id}/history</c> shows them,
    /// with source <c>command</c> and this command's id), newest first; empty when the mirror's business content did
    /// not change.
    /// </summary>
    public IReadOnlyList<OrderChangeDto> History { get; init; } = [];

    /// <param name="account">The account's name (the row holds its id).</param>
    /// <param name="pii">
    /// The caller has <c>read:pii</c>. Without it the request, the platform's answer (which carries the whole
    /// order) and the error are masked: acting on an order does not entitle a key to read its buyer.
    /// </param>
    public static OrderCommandDto From(OrderCommand command, string account, bool pii)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new OrderCommandDto
        {
            Id = command.Id,
            Account = account,
            Platform = command.Platform,
            OrderId = command.OrderId,
            Action = command.Action,
            IdempotencyKey = command.IdempotencyKey,
            State = command.State,
            Attempts = command.Attempts,
            Resolution = command.Resolution,
            Error = pii ? command.Error : PiiMask.EmailsIn(command.Error),
            Request = Shown(Parse(command.Request), pii)!.Value,
            Response = Shown(Parse(command.Response), pii),
            OrderVersionBefore = command.OrderVersionBefore,
            OrderVersionAfter = command.OrderVersionAfter,
            MirrorOutcome = command.MirrorOutcome,
            RequestedBy = command.RequestedBy,
            CreatedAt = command.CreatedAt,
            UpdatedAt = command.UpdatedAt,
            FinishedAt = command.FinishedAt,
        };
    }

    private static JsonElement? Shown(JsonElement? json, bool pii) => pii || json is null ? json : PiiMask.Json(json.Value);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
