using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// A job's name on Hangfire's pages: what it does (the display name, or the title of its <c>kind</c> argument), the
/// account it is for (an <c>account</c> argument) and its run (a <c>runId</c> argument): "Full sweep of default (run
/// 42)". A run id is given when the run was asked for (API, dashboard); a scheduled job's run is created when it
/// starts, so its name says "scheduled" instead of an empty id.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RunDisplayNameAttribute(string displayName) : JobDisplayNameAttribute(displayName)
{
    public override string Format(DashboardContext context, Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parameters = job.Method.GetParameters();
        var kind = Array.FindIndex(parameters, p => p.Name == "kind");
        var name = kind >= 0 && kind < job.Args.Count && job.Args[kind] is string k ? Title(k) : DisplayName;
        for (var i = 0; i < parameters.Length && i < job.Args.Count; i++)
        {
            name += parameters[i].Name switch
            {
                "account" => $" of {job.Args[i]}",
                "runId" when job.Args[i] is null => " (scheduled)",
                "runId" => string.Create(CultureInfo.InvariantCulture, $" (run {job.Args[i]})"),
                _ => "",
            };
        }
        return name;
    }

    private static string Title(string kind) => kind switch
    {
        SyncRunKinds.Incremental => "Incremental reconcile",
        SyncRunKinds.FullSweep => "Full sweep",
        SyncRunKinds.Backfill => "Backfill",
        SyncRunKinds.Catalog => "Events and shows",
        SyncRunKinds.Audit => "Audit",
        _ => kind,
    };
}
