namespace Qtickets.Sync.Bench;

/// <summary>
/// The payload file shared by wrk (bench/webhook.lua) and the open-loop generator: one line per request,
/// <c>signature TAB body</c>, bodies single-line JSON.
/// </summary>
public static class PayloadFile
{
    public static void Write(string path, long firstId, long count, string secret)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 20);
        for (var id = firstId; id < firstId + count; id++)
        {
            var body = SamplePayloads.Order(id);
            writer.Write(SamplePayloads.Sign(secret, body));
            writer.Write('\t');
            writer.Write(body);
            writer.Write('\n');
        }
    }

    public static IEnumerable<(string Signature, string Body)> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            yield return (line[..tab], line[(tab + 1)..]);
        }
    }
}
