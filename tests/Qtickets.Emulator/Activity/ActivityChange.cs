namespace Qtickets.Emulator.Activity;

/// <summary>One applied change: which order, and the webhook event type it produced.</summary>
public sealed record ActivityChange(int OrderId, string EventType);

/// <summary>Answer of <c>POST /emulator/activity/step</c>.</summary>
public sealed record ActivityStepResult(IReadOnlyList<int> OrderIds, IReadOnlyList<ActivityChange> Changes);
