using System.Collections.Concurrent;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// Every request to <c>/v2</c>, in arrival order, whatever its method or answer — so a test can prove the mirror
/// only read (no PATCH, POST, PUT or DELETE ever reached the platform).
/// </summary>
public sealed class TcCallLog
{
    private readonly ConcurrentQueue<TcCall> calls = new();

    public IReadOnlyList<TcCall> Calls => [.. calls];

    public void Add(TcCall call) => calls.Enqueue(call);

    public int Count(string method, string path) => calls.Count(c => c.Method == method && c.Path == path);

    public void Clear() => calls.Clear();
}
