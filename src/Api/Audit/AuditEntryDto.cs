using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Audit;

namespace Qtickets.Sync.Api.Audit;

/// <summary>One administrative act: who (the API key's name), when, what, on what, and how it ended.</summary>
public sealed record AuditEntryDto
{
    public required long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }

    [ClosedSet(typeof(AuditActions))]
    public required string Action { get; init; }

    /// <summary>Route values of the act (<c>id=42</c>, <c>account=default id=4360</c>), an erasure's id, or the settings a host started with.</summary>
    public string? Target { get; init; }

    /// <summary>The HTTP status the act answered, or <c>started</c>.</summary>
    public required string Outcome { get; init; }

    public static AuditEntryDto From(AuditEntry entry) => new()
    {
        Id = entry.Id, At = entry.At, Actor = entry.Actor, Action = entry.Action, Target = entry.Target, Outcome = entry.Outcome,
    };
}
