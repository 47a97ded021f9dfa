namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>A ticket of a Ticketscloud order; <see cref="Raw"/> is its JSON object as served.</summary>
public sealed record TicketscloudTicket(
    string Id,
    long? Number,
    string? Barcode,
    string? Serial,
    string? SetId,
    string? Status,
    TicketscloudValues Values,
    string Raw);
