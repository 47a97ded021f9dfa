namespace Qtickets.Emulator.Data;

/// <summary>
/// Columns a <c>where</c> clause may name, read as nullable numbers (times as <see cref="WireTime"/> seconds,
/// booleans as 0/1) so one comparison routine serves them all.
/// </summary>
public static class OrderColumns
{
    private static readonly Dictionary<string, Func<Order, long?>> Getters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = o => o.IdValue,
        ["payed"] = o => o.PayedValue ? 1 : 0,
        ["created_at"] = o => o.CreatedAtSec,
        ["updated_at"] = o => o.UpdatedAtSec,
        ["payed_at"] = o => Nullable(o.PayedAtSec),
        ["deleted_at"] = o => Nullable(o.DeletedAtSec),
        ["event_id"] = o => o.EventIdValue,
        ["client_id"] = o => o.ClientValue.Id,
        ["promo_code_id"] = o => Nullable(o.PromoCodeIdValue),
        ["discount_id"] = o => Nullable(o.DiscountIdValue),
    };

    public static bool IsTime(string column) => column.EndsWith("_at", StringComparison.OrdinalIgnoreCase);

    public static bool TryGet(string column, out Func<Order, long?> getter) => Getters.TryGetValue(column, out getter!);

    private static long? Nullable(int value) => value == 0 ? null : value;
}
