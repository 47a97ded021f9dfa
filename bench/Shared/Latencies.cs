namespace Qtickets.Sync.Bench;

/// <summary>Every latency sample of a run, in milliseconds; percentiles by nearest rank.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (_gate)
        {
            _samples.Add(latency.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_samples.Count == 0)
            {
                return double.NaN;
            }
            _samples.Sort();
            var rank = (int)Math.Ceiling(p / 100 * _samples.Count);
            return Math.Round(_samples[Math.Clamp(rank - 1, 0, _samples.Count - 1)], 3);
        }
    }
}
