namespace Qtickets.Sync.Domain.Commands;

/// <summary>
/// One action requested on one order: the audit row of <c>order_commands</c>. The idempotency key is unique per
/// account, so the same key returns this row and never runs the action twice.
/// </summary>
public sealed class OrderCommand
{
    public long Id { get; set; }

    /// <summary>The account the order belongs to (<c>accounts.id</c>).</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    /// <summary>One of <see cref="Accounts.AccountPlatforms"/>.</summary>
    public string Platform { get; set; } = "";

    /// <summary>The order's id on its platform (QTickets: digits; Ticketscloud: a hex object id).</summary>
    public string OrderId { get; set; } = "";

    /// <summary>One of <see cref="OrderActionKinds"/>.</summary>
    public string Action { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 of the canonical request: the same key with another request is refused, not run.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The request as accepted (jsonb).</summary>
    public string Request { get; set; } = "{}";

    /// <summary>Who asked: the API key's name.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>One of <see cref="OrderCommandStates"/>.</summary>
    public string State { get; set; } = OrderCommandStates.Running;

    /// <summary>Calls sent to the platform's write endpoint (a refund is sent again only after the order showed it did not happen).</summary>
    public int Attempts { get; set; }

    /// <summary>The platform's last answer (jsonb), or what was read back in its place.</summary>
    public string? Response { get; set; }

    /// <summary>Why the command failed or is unknown, in words.</summary>
    public string? Error { get; set; }

    /// <summary>One of <see cref="OrderCommandResolutions"/> once settled.</summary>
    public string? Resolution { get; set; }

    /// <summary>The mirrored order's version before the action (its <c>source_updated_at</c>), null when it was not mirrored.</summary>
    public DateTimeOffset? OrderVersionBefore { get; set; }

    /// <summary>The version the platform returned after the action, as upserted into the mirror.</summary>
    public DateTimeOffset? OrderVersionAfter { get; set; }

    /// <summary>What the one write path did with the returned order (<c>Inserted</c>, <c>Updated</c>, <c>Unchanged</c>, <c>Stale</c>).</summary>
    public string? MirrorOutcome { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
