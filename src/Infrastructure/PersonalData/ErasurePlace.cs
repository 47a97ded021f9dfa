namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// One place the mirror keeps a person's data: the rows of <see cref="Table"/> that <see cref="Where"/> selects
/// (a condition over the erasure's target tables <c>erase_orders</c>, <c>erase_tickets</c>, <c>erase_clients</c>,
/// <c>erase_tc_orders</c>), the typed columns that become null, and the JSON or text columns scrubbed.
/// <see cref="Whole"/>: the rows are the person's own, so names and contacts inside JSON go too; otherwise only
/// the person's identifiers are cut out of them. Adding a place is adding an entry to <see cref="ErasurePlaces"/>.
/// </summary>
public sealed record ErasurePlace(
    string Name,
    string Table,
    string Where,
    bool Whole,
    IReadOnlyList<string> Nulled,
    IReadOnlyList<string> JsonColumns,
    IReadOnlyList<string> TextColumns);
