namespace Qtickets.Sync.Domain.Audit;

/// <summary>What an audit finding is about.</summary>
public static class AuditEntities
{
    public const string Order = "order";
    public const string Ticket = "ticket";

    /// <summary>One day of one event in <c>daily_sales</c> (a <see cref="AuditFindingKinds.SalesDrift"/> finding).</summary>
    public const string SalesDay = "sales_day";

    public static readonly IReadOnlyList<string> All = [Order, Ticket, SalesDay];
}
