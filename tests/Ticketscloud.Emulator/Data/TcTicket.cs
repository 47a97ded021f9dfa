namespace Ticketscloud.Emulator.Data;

/// <summary>
/// A ticket of an order. <c>price</c> is the set's price, <c>discount</c> the promo code's part, <c>nominal</c> =
/// price − discount, <c>extra</c> the service fee and <c>full</c> = nominal + extra: what the buyer pays (seed 003).
/// Mutable: the store changes it under its lock only.
/// </summary>
public sealed class TcTicket
{
    public required string Id { get; init; }
    public required long Number { get; init; }
    public string? Barcode { get; set; }
    public required string Serial { get; init; }
    public required string Set { get; init; }
    public required string Status { get; set; }
    public required decimal Price { get; init; }
    public required decimal Discount { get; init; }
    public decimal Nominal => Price - Discount;
    public required decimal Extra { get; init; }
    public decimal Full => Nominal + Extra;
}
