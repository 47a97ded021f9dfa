namespace Qtickets.Sync.Domain.Webhooks;

/// <summary>The <c>X-Event-Type</c> values QTickets documents.</summary>
public static class WebhookEventTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Payed = "payed";
    public const string Deleted = "deleted";
    public const string Refunded = "refunded";
    public const string Checked = "checked";

    public static readonly IReadOnlySet<string> Known =
        new HashSet<string>(StringComparer.Ordinal) { Created, Updated, Payed, Deleted, Refunded, Checked };
}
