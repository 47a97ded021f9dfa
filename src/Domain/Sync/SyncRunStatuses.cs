namespace Qtickets.Sync.Domain.Sync;

public static class SyncRunStatuses
{
    /// <summary>Created by an API or dashboard trigger; the job has not started yet.</summary>
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Another run of the same kind held the lock, so this one did nothing.</summary>
    public const string Skipped = "skipped";
    /// <summary>
    /// Left running by a process that died (killed, crashed, host lost). Its job resumes it from its checkpoint
    /// once a live worker picks the job up again, and it goes back to running.
    /// </summary>
    public const string Interrupted = "interrupted";
}
