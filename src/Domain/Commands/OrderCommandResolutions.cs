namespace Qtickets.Sync.Domain.Commands;

/// <summary>How a command's outcome was established.</summary>
public static class OrderCommandResolutions
{
    /// <summary>From the platform's own answer to the call.</summary>
    public const string Answer = "answer";

    /// <summary>The answer was lost (timeout, 5xx, dropped connection); the order was read back and showed the action applied.</summary>
    public const string Fetch = "fetch";
}
