namespace Qtickets.Sync.Domain.Sync;

public static class SyncRunTriggers
{
    public const string Schedule = "schedule";
    public const string Api = "api";
    public const string Dashboard = "dashboard";
}
