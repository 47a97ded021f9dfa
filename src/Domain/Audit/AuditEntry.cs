namespace Qtickets.Sync.Domain.Audit;

/// <summary>
/// One administrative act (a trigger, a replay, an order action, an erasure, the settings a host started with):
/// who — the API key's name, never a person's data —, when, on what, and how it ended. Rows are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What was acted on: <c>delivery 42</c>, <c>order default/4360</c>, <c>erasure 3f…</c>.</summary>
    public string? Target { get; set; }

    /// <summary>The HTTP status or result word the act ended with.</summary>
    public string Outcome { get; set; } = "";
}
