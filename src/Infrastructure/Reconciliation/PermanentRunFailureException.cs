namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// A run failed in a way retrying cannot fix (<see cref="RunFailure.Permanent"/>): thrown by <see cref="SyncRunner"/>
/// in place of the platform's exception (its inner one) so the jobs' <c>AutomaticRetry</c> can name one type.
/// </summary>
public sealed class PermanentRunFailureException(string message, Exception inner) : Exception(message, inner);
