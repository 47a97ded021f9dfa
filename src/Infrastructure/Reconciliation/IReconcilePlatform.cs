using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// What a platform implements so its accounts are reconciled: the kinds of run it serves, running one for an
/// account, and saying in the run's words what went wrong. The job, the trigger and the API ask
/// <see cref="ReconcilePlatforms"/>, never the platform by name (docs/decisions/0017).
/// </summary>
public interface IReconcilePlatform
{
    /// <summary>The platform (<see cref="Domain.Accounts.AccountPlatforms"/>) whose accounts this reconciles.</summary>
    string Platform { get; }

    /// <summary>
    /// The kinds of run (<see cref="Domain.Sync.SyncRunKinds"/>) <see cref="RunAsync"/> serves: incremental, full
    /// sweep, backfill, and catalog where the platform has one. The audit is served where an
    /// <see cref="Audit.IPlatformAuditor"/> of the platform is registered.
    /// </summary>
    IReadOnlySet<string> Kinds { get; }

    /// <summary>The run of <paramref name="run"/>'s kind for its account.</summary>
    Task RunAsync(SyncRunContext run);

    /// <summary>
    /// The run's error for a failure of this platform's own (its client's exceptions), and whether retrying can
    /// help; null for an exception that is not its own.
    /// </summary>
    RunFailure? Classify(Exception exception, SyncAccount account);
}
