namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// Counts the QTickets requests of one sync run and gathers the verdicts of its listings. The run sets
/// <see cref="Current"/>; the client adds to it from whichever task fetches (read-ahead included, since the
/// value flows with the execution context).
/// </summary>
public sealed class ApiCallTally
{
    private static readonly AsyncLocal<ApiCallTally?> Ambient = new();
    private readonly Lock gate = new();
    private int listRequests;
    private int getRequests;
    private int catalogRequests;
    private ListingVerdict verdict = ListingVerdict.None;

    public static ApiCallTally? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary><c>GET /orders</c> pages asked for (retries of one page count once).</summary>
    public int ListRequests => Volatile.Read(ref listRequests);

    /// <summary><c>GET /orders/{id}</c> and <c>GET /events/{id}</c> calls.</summary>
    public int GetRequests => Volatile.Read(ref getRequests);

    /// <summary>Pages of <c>GET /events</c> and <c>GET /clients</c>.</summary>
    public int CatalogRequests => Volatile.Read(ref catalogRequests);

    public ListingVerdict Verdict
    {
        get
        {
            lock (gate)
            {
                return verdict;
            }
        }
    }

    public void CountList() => Interlocked.Increment(ref listRequests);

    public void CountGet() => Interlocked.Increment(ref getRequests);

    public void CountCatalog() => Interlocked.Increment(ref catalogRequests);

    public void Observe(ListingVerdict page)
    {
        lock (gate)
        {
            verdict = verdict.Merge(page);
        }
    }
}
