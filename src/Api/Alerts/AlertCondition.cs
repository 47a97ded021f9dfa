namespace Qtickets.Sync.Api.Alerts;

/// <summary>A rule judged against the current facts: is it active, and why (in English, for the message).</summary>
public sealed record AlertCondition(string Account, string Rule, bool Active, string Detail);

/// <summary>A message an instance has claimed and must send.</summary>
public sealed record AlertMessage(string Account, string Rule, string Kind, bool Repeat, DateTimeOffset Since, DateTimeOffset At, string Detail);
