namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>The <c>outcome</c> tag of <c>qtickets_webhook_deliveries_total</c>.</summary>
public static class WebhookOutcomes
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string RejectedSignature = "rejected_signature";
    public const string RejectedBody = "rejected_body";
    public const string Flagged = "flagged";
    public const string DbUnavailable = "db_unavailable";
    /// <summary>A refused request past its address's refusal limit: answered 429, not stored.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>Sent to an account that is not configured (or to the bare URL when several are): 404, not stored.</summary>
    public const string UnknownAccount = "unknown_account";
}
