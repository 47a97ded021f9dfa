namespace Ticketscloud.Emulator.Faults;

/// <summary>
/// Fault injection on the API (reads and writes alike): bound from <c>Ticketscloud:Faults</c> at start, replaced
/// at run time through <c>PUT /emulator/faults</c>. Percentages are 0..100.
/// </summary>
public sealed record TcFaultSettings
{
    public double Api429Percent { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    public double Api500Percent { get; set; }
    public double Api503Percent { get; set; }

    public IEnumerable<string> Validate()
    {
        if (new[] { Api429Percent, Api500Percent, Api503Percent }.Any(p => p is < 0 or > 100)
            || Api429Percent + Api500Percent + Api503Percent > 100)
        {
            yield return "percentages must be within [0, 100] and add up to at most 100.";
        }
        if (RetryAfterSeconds < 0)
        {
            yield return "RetryAfterSeconds must not be negative.";
        }
    }
}
