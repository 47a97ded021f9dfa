namespace Qtickets.Sync.Domain.Commands;

/// <summary>One reason an action is refused, naming the request field it is about.</summary>
public readonly record struct ActionProblem(string Field, string Message);
