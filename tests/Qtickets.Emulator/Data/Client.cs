namespace Qtickets.Emulator.Data;

/// <summary>A buyer (<c>GET /clients</c> item and the <c>client</c> object of an order). Immutable.</summary>
public sealed record Client(
    int Id,
    int DetailsId,
    string Email,
    string Name,
    string Surname,
    string? Middlename,
    string? Phone)
{
    /// <summary>
    /// What the buyer typed on the tickets; usually the same as <see cref="Middlename"/>, but the seed order 4360
    /// shows the two can differ (null in details, "Петрович" on the baskets).
    /// </summary>
    public string? BasketMiddlename { get; init; } = Middlename;
}
