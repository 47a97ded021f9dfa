namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>
/// The client tests that drive Polly's timers on a fake clock (<see cref="RecordingTimeProvider"/>) run alone, after
/// the parallel classes: each step waits for the client's own continuations on the thread pool, and on two cores
/// busy with the database-backed classes those came late enough to trip the tests' 30 s guard.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FakeClockClientCollection
{
    public const string Name = "Fake-clock QTickets client";
}
