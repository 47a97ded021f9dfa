namespace Qtickets.Sync.Api.Audit;

/// <summary>An answer that names what the act created (an erasure's id), for acts whose route names nothing.</summary>
public interface IAuditTarget
{
    string AuditTarget { get; }
}
