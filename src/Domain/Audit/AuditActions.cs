namespace Qtickets.Sync.Domain.Audit;

/// <summary>The administrative acts the audit log records (a closed set, an enum in the OpenAPI document).</summary>
public static class AuditActions
{
    public const string SyncTrigger = "sync_trigger";
    public const string WebhookReplay = "webhook_replay";
    public const string WebhookDiscard = "webhook_discard";
    public const string WebhookRelease = "webhook_release";
    public const string OrderAction = "order_action";
    public const string Erasure = "erasure";
    public const string Startup = "startup";
}
