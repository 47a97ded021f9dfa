namespace Qtickets.Sync.Domain.Audit;

/// <summary>What an audit finding is about.</summary>
public static class AuditEntities
{
    public const string Order = "order";
    public const string Ticket = "ticket";

    public static readonly IReadOnlyList<string> All = [Order, Ticket];
}
