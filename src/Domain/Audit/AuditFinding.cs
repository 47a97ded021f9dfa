namespace Qtickets.Sync.Domain.Audit;

/// <summary>One difference an audit run found between the mirror and the platform.</summary>
public sealed class AuditFinding
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int AccountId { get; set; }

    /// <summary>One of <see cref="AuditEntities"/>.</summary>
    public string Entity { get; set; } = AuditEntities.Order;

    /// <summary>One of <see cref="AuditFindingKinds"/>.</summary>
    public string Kind { get; set; } = AuditFindingKinds.Differs;

    /// <summary>The platform's order id as text (QTickets' numbers, Ticketscloud's 24-hex ids); null for a sales day.</summary>
    public string? OrderId { get; set; }

    /// <summary>The ticket (basket) of a ticket finding; null for an order.</summary>
    public string? TicketId { get; set; }

    /// <summary>The event (its <c>daily_sales</c> key) of a <see cref="AuditEntities.SalesDay"/> finding.</summary>
    public long? EventId { get; set; }

    /// <summary>The day (in the sales time zone) of a <see cref="AuditEntities.SalesDay"/> finding.</summary>
    public DateOnly? Day { get; set; }

    /// <summary>
    /// For <see cref="AuditFindingKinds.Differs"/>: a JSON array of <c>{"field", "mirror", "platform"}</c>, one per
    /// business-content column that differs; for <see cref="AuditFindingKinds.SalesDrift"/> one per measure, the
    /// mirror's value being <c>daily_sales</c>' and the platform's the recompute over the audited orders; null otherwise.
    /// </summary>
    public string? Fields { get; set; }
}
