namespace Qtickets.Sync.Domain.Alerts;

public static class AlertMessageKinds
{
    public const string Fired = "fired";
    public const string Resolved = "resolved";
}
