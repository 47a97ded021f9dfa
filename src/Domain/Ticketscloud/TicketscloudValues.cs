namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>
/// The money of an order or a ticket as Ticketscloud states it (seed 003): <c>price</c> the set's price,
/// <c>discount</c> the promo code's part, <c>nominal</c> = price − discount (the ticket revenue), <c>extra</c> the
/// service fee on top, <c>full</c> = nominal + extra (what the buyer paid). Exact decimals, never rounded.
/// </summary>
public sealed record TicketscloudValues(decimal Nominal, decimal Extra, decimal Full, decimal Discount, decimal Price);
