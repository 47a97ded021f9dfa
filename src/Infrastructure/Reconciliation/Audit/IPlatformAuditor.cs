namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>
/// An audit of one platform's accounts: walks the platform's listing like that platform's full sweep, compares
/// it with the mirror without writing mirror rows, and records findings and a verdict (<see cref="AuditRecorder"/>).
/// </summary>
public interface IPlatformAuditor
{
    /// <summary>The platform (<see cref="Domain.Accounts.AccountPlatforms"/>) whose accounts this audits.</summary>
    string Platform { get; }

    Task RunAsync(SyncRunContext run);
}
