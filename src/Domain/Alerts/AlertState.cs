namespace Qtickets.Sync.Domain.Alerts;

/// <summary>
/// What has been said about one alert rule of one account. Shared by every instance: an instance sends a
/// message only after its conditional UPDATE of this row succeeded, so each message goes out once.
/// </summary>
public sealed class AlertState
{
    /// <summary><c>{account}:{rule}</c>.</summary>
    public string Key { get; set; } = "";
    public string Account { get; set; } = "";
    public string Rule { get; set; } = "";

    /// <summary>The last message claimed: <see cref="AlertMessageKinds.Fired"/>, <see cref="AlertMessageKinds.Resolved"/> or null (never).</summary>
    public string? LastMessage { get; set; }

    /// <summary>When the current (or last) episode began.</summary>
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>"Fired" messages sent in the current episode (1 = first, more = repeats).</summary>
    public int FiredCount { get; set; }
    public string? Detail { get; set; }
}
