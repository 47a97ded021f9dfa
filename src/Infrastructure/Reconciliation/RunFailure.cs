using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>Why a run failed, as recorded on its row, and whether a retry could change it.</summary>
/// <param name="Error">The run's <c>error</c>.</param>
/// <param name="Permanent">Retrying cannot help (the token was rejected): the job fails at once.</param>
public sealed record RunFailure(string Error, bool Permanent = false)
{
    /// <summary>Ends the error of a run the platform refused with 401/403; alerts look for it.</summary>
    public const string TokenRejectedNote = "the job is not retried.";

    /// <summary>The platform rejected the account's token: only its settings can fix that.</summary>
    public static RunFailure TokenRejected(Exception exception, SyncAccount account)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(account);
        return new($"{exception.Message}. Check {account.Settings.SettingsPrefix}:Token; {TokenRejectedNote}", Permanent: true);
    }

    /// <summary>The platform did not answer within the client's timeouts.</summary>
    public static RunFailure NoAnswer(string platform, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new($"{platform} did not answer in time: {exception.Message}");
    }
}
