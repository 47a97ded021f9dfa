namespace Qtickets.Sync.Domain.Webhooks;

/// <summary>Life cycle of an inbox row.</summary>
public static class DeliveryStatuses
{
    /// <summary>Stored and answered 200, not yet applied to the mirror.</summary>
    public const string Pending = "pending";
    /// <summary>Applied (which may mean "older than what we hold, left alone": see the apply outcome).</summary>
    public const string Applied = "applied";
    /// <summary>Refused at the door (bad signature, not JSON, no id…); kept with the reason.</summary>
    public const string Rejected = "rejected";
    /// <summary>Stored and answered 200 but not applied, e.g. an event type we do not know.</summary>
    public const string Flagged = "flagged";
    /// <summary>Applying failed; the processor retries it and an operator can replay it.</summary>
    public const string Failed = "failed";
    /// <summary>Given up on by an operator (a poison delivery); kept for the record, never retried.</summary>
    public const string Dead = "dead";
    /// <summary>
    /// Stamped too far in the future to be believed (it would pin the order): stored, not applied, until an
    /// operator releases it.
    /// </summary>
    public const string Quarantined = "quarantined";
}
