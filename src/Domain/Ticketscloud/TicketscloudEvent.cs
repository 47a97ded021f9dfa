namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>An event from a listing's <c>refs.events</c>; <see cref="TimeZone"/> null when refs had none.</summary>
public sealed record TicketscloudEvent(
    string Id, string? OrgId, string? Title, string? Description, string? TimeZone, string? Status,
    DateTimeOffset? StartsAt, DateTimeOffset? FinishesAt, DateTimeOffset ObservedAt, string Raw);
