using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// The read replica the read API, dashboard figures, CSV and change feed read from (<c>ConnectionStrings:PostgresReadOnly</c>):
/// how far its replay is behind the primary, so a reader knows how fresh those answers are.
/// </summary>
public sealed record ReadReplicaStatusDto
{
    /// <summary>
    /// <c>streaming</c>: replaying the primary's changes; <c>paused</c>: replay paused on the replica
    /// (<c>pg_wal_replay_pause()</c>); <c>not_a_replica</c>: the server is not in recovery (a misconfiguration:
    /// reads go to a database the service does not write); <c>unreachable</c>: it did not answer.
    /// </summary>
    [ClosedSet(ReadReplicaStates.Streaming, ReadReplicaStates.Paused, ReadReplicaStates.NotAReplica, ReadReplicaStates.Unreachable)]
    public required string State { get; init; }

    /// <summary>Bytes of the primary's WAL the replica has not replayed yet.</summary>
    public long? LagBytes { get; init; }

    /// <summary>How long ago the last transaction it replayed committed on the primary, when it is behind; 0 when it has replayed all there is.</summary>
    public double? LagSeconds { get; init; }

    /// <summary>Why it could not be read, when unreachable.</summary>
    public string? Error { get; init; }
}

/// <summary>The states of <see cref="ReadReplicaStatusDto.State"/>.</summary>
public static class ReadReplicaStates
{
    public const string Streaming = "streaming";
    public const string Paused = "paused";
    public const string NotAReplica = "not_a_replica";
    public const string Unreachable = "unreachable";
}
