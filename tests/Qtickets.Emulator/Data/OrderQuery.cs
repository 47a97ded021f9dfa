namespace Qtickets.Emulator.Data;

public enum OrderSort
{
    Id,
    UpdatedAt,
}

/// <summary>
/// A parsed <c>GET /orders</c> request. Filters on <c>payed</c>, <c>id</c> and <c>updated_at</c> ranges are
/// answered from indexes; anything else lands in <see cref="Residual"/> and is checked order by order.
/// </summary>
public sealed class OrderQuery
{
    public bool? Payed { get; set; }

    /// <summary>Inclusive <see cref="WireTime"/> bounds on updated_at.</summary>
    public int UpdatedFrom { get; set; } = int.MinValue;

    public int UpdatedTo { get; set; } = int.MaxValue;

    public int IdFrom { get; set; } = int.MinValue;

    public int IdTo { get; set; } = int.MaxValue;

    public List<Func<Order, bool>> Residual { get; } = [];

    /// <summary>
    /// Null means the default: by updated_at when an updated_at bound is given (the cheap, watermark-friendly
    /// order), by id otherwise (the documented example). The real API's default is not documented.
    /// </summary>
    public OrderSort? Sort { get; set; }

    public bool Descending { get; set; }

    public int Page { get; set; } = 1;

    public int PerPage { get; set; } = 100;

    public bool HasUpdatedBounds => UpdatedFrom != int.MinValue || UpdatedTo != int.MaxValue;

    public bool HasIdBounds => IdFrom != int.MinValue || IdTo != int.MaxValue;

    public OrderSort EffectiveSort => Sort ?? (HasUpdatedBounds ? OrderSort.UpdatedAt : OrderSort.Id);

    public int Offset => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PerPage);
}
