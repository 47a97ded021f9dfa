namespace Qtickets.Emulator.Data;

/// <summary>
/// Fields of a basket changed through <c>PUT /baskets/{id}</c>. Most baskets never have any, so they live in
/// this rarely-set object rather than in the compact <see cref="Basket"/> struct; null means "as generated".
/// </summary>
public sealed record BasketEdits
{
    public string? ClientEmail { get; init; }
    public string? ClientName { get; init; }
    public string? ClientSurname { get; init; }
    public string? ClientMiddlename { get; init; }
    public string? MultipriceCode { get; init; }
}
