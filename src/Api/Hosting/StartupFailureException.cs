namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// The service cannot start because of its surroundings (a busy port, an unreachable database); the message is the
/// one line an operator reads, naming the setting to change.
/// </summary>
public sealed class StartupFailureException : Exception
{
    public StartupFailureException()
    {
    }

    public StartupFailureException(string message)
        : base(message)
    {
    }

    public StartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
