using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// The registered <see cref="IReconcilePlatform"/>s and <see cref="IPlatformAuditor"/>s, found by an account's
/// platform: which kinds of run it has, the run itself, and its failures in the run's words. Resolved per call, so
/// a singleton (the runner) never holds a platform's transient services.
/// </summary>
public sealed class ReconcilePlatforms(IServiceProvider services)
{
    /// <summary>The kinds of run an account of <paramref name="platform"/> has: its reconciler's, and the audit where it has an auditor.</summary>
    public IReadOnlySet<string> KindsOf(string platform)
    {
        var kinds = new HashSet<string>(Find(platform)?.Kinds ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        if (Auditor(platform) is not null)
        {
            kinds.Add(SyncRunKinds.Audit);
        }
        return kinds;
    }

    /// <summary>The run of <paramref name="run"/>'s kind for its account, by the account's platform.</summary>
    public Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var platform = run.RequireAccount().Platform;
        if (run.Kind == SyncRunKinds.Audit)
        {
            return (Auditor(platform) ?? throw new InvalidOperationException($"No audit is implemented for {platform} accounts.")).RunAsync(run);
        }
        var reconcile = Find(platform);
        if (reconcile is null || !reconcile.Kinds.Contains(run.Kind))
        {
            throw new InvalidOperationException($"A {platform} account has no {run.Kind} run.");
        }
        return reconcile.RunAsync(run);
    }

    /// <summary>The account's platform's reading of <paramref name="exception"/>; null when it is not one of its own.</summary>
    public RunFailure? Classify(Exception exception, SyncAccount? account) =>
        account is null ? null : Find(account.Platform)?.Classify(exception, account);

    private IReconcilePlatform? Find(string platform) =>
        services.GetServices<IReconcilePlatform>().FirstOrDefault(p => p.Platform == platform);

    private IPlatformAuditor? Auditor(string platform) =>
        services.GetServices<IPlatformAuditor>().FirstOrDefault(a => a.Platform == platform);
}
