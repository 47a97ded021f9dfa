using System.Text.Json;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Audit;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>One difference between the mirror and the platform an audit found.</summary>
public sealed record AuditFindingDto
{
    /// <summary>The finding's id; pass the last one as <c>after</c> for the next page.</summary>
    public long Id { get; init; }

    [ClosedSet(typeof(AuditEntities))]
    public required string Entity { get; init; }

    [ClosedSet(typeof(AuditFindingKinds))]
    public required string Kind { get; init; }

    /// <summary>The platform's order id (QTickets' number as text, Ticketscloud's 24-hex id); null for a sales day.</summary>
    /// <example>4360</example>
    public string? OrderId { get; init; }

    /// <summary>The ticket (basket) of a ticket finding; null otherwise.</summary>
    public string? TicketId { get; init; }

    /// <summary>The event (its key in <c>/api/v1/sales/daily</c>) of a <c>sales_day</c> finding; null otherwise.</summary>
    public long? EventId { get; init; }

    /// <summary>The day (in the sales time zone) of a <c>sales_day</c> finding; null otherwise.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>
    /// For <c>differs</c>: each business-content field that differs, with both values; for <c>sales_drift</c>, each
    /// measure, <c>daily_sales</c>' value as the mirror's and the audited orders' as the platform's; empty otherwise.
    /// </summary>
    public IReadOnlyList<AuditFieldDto> Fields { get; init; } = [];
}

/// <summary>A field whose values differ; contact details are masked without <c>read:pii</c>.</summary>
public sealed record AuditFieldDto(string Field, JsonElement Mirror, JsonElement Platform)
{
    /// <summary>The stored <c>[{"field", "mirror", "platform"}]</c> array, contact fields masked unless <paramref name="pii"/>.</summary>
    public static IReadOnlyList<AuditFieldDto> Parse(string? json, bool pii)
    {
        if (json is null)
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e =>
        {
            var field = e.GetProperty("field").GetString()!;
            return new AuditFieldDto(field, Mask(field, e.GetProperty("mirror"), pii), Mask(field, e.GetProperty("platform"), pii));
        })];
    }

    private static JsonElement Mask(string field, JsonElement value, bool pii)
    {
        if (pii || value.ValueKind != JsonValueKind.String)
        {
            return value.Clone();
        }
        var text = value.GetString();
        string? masked = field switch
        {
            _ when field.Contains("email", StringComparison.Ordinal) => PiiMask.Email(text),
            _ when field.Contains("phone", StringComparison.Ordinal) => PiiMask.Phone(text),
            _ when field.Contains("name", StringComparison.Ordinal) => PiiMask.Name(text),
            _ => text,
        };
        using var document = JsonDocument.Parse(masked is null ? "null" : $"\"{JsonEncodedText.Encode(masked)}\"");
        return document.RootElement.Clone();
    }
}

/// <summary>An audit's verdict and both sides' totals over the orders it compared.</summary>
public sealed record AuditResultDto
{
    /// <summary><c>equal</c>, or <c>n differences</c>.</summary>
    /// <example>equal</example>
    public required string Verdict { get; init; }
    public int Differences { get; init; }

    /// <summary>Rows that changed while the audit walked, recognised as in flight and not counted as differences.</summary>
    public int InFlight { get; init; }
    public DateTimeOffset WalkStartedAt { get; init; }
    public required AuditTotalsDto Mirror { get; init; }
    public required AuditTotalsDto Platform { get; init; }

    internal static AuditResultDto From(AuditResult r) => new()
    {
        Verdict = r.Verdict, Differences = r.Differences, InFlight = r.InFlight, WalkStartedAt = r.WalkStartedAt,
        Mirror = new AuditTotalsDto(r.MirrorOrders, r.MirrorTickets, r.MirrorPaidSum, r.MirrorRefunds),
        Platform = new AuditTotalsDto(r.PlatformOrders, r.PlatformTickets, r.PlatformPaidSum, r.PlatformRefunds),
    };
}

/// <param name="Orders">Orders compared.</param>
/// <param name="Tickets">Their live tickets.</param>
/// <param name="PaidSum">Sum of the prices of the paid, not cancelled orders.</param>
/// <param name="Refunds">Sum of the tickets' refunded amounts.</param>
public sealed record AuditTotalsDto(int Orders, int Tickets, decimal PaidSum, decimal Refunds);

/// <summary>A page of an audit's findings, with the audit's verdict (null while the audit has not finished).</summary>
public sealed record AuditFindingsPageDto
{
    public long RunId { get; init; }
    public AuditResultDto? Result { get; init; }
    public IReadOnlyList<AuditFindingDto> Items { get; init; } = [];

    /// <summary>Pass as <c>after</c> for the next page; null on the last page.</summary>
    public long? NextAfter { get; init; }
}
