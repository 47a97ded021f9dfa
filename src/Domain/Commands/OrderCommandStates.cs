namespace Qtickets.Sync.Domain.Commands;

/// <summary>Where a stored order command stands.</summary>
public static class OrderCommandStates
{
    /// <summary>Taken by an instance that holds the order's lock, or left by one that died mid-call.</summary>
    public const string Running = "running";

    /// <summary>The platform applied the action (from its answer, or seen in the order fetched afterwards).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The platform refused the action; <c>error</c> says why. Nothing changed upstream.</summary>
    public const string Failed = "failed";

    /// <summary>
    /// The call's outcome could not be established (no answer, and the order could not be read back). Never
    /// retried by itself: sending the same key again re-checks the order first.
    /// </summary>
    public const string Unknown = "unknown";

    public static bool IsFinal(string state) => state is Succeeded or Failed;
}
