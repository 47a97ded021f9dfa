namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// A rule judged for one account (or the deployment) against the current facts: is it active, and why (in
/// English, for the message). It carries its own rule, so whoever acts on it (claiming, repeating) uses that
/// rule's settings, however many conditions one rule gave.
/// </summary>
public sealed record AlertCondition(string Account, AlertRuleOptions Rule, bool Active, string Detail)
{
    /// <summary>The rule's kind (one of <see cref="Domain.Alerts.AlertRuleKinds"/>), as messages and the state row name it.</summary>
    public string Kind => Rule.Kind;
}

/// <summary>A message an instance has claimed and must send.</summary>
public sealed record AlertMessage(string Account, string Rule, string Kind, bool Repeat, DateTimeOffset Since, DateTimeOffset At, string Detail);
