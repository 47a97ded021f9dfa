namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The frame of every platform's daily sales triggers (issue 10, ADR 0009): one statement-level trigger with
/// transition tables per written table and statement, whatever the write path, whose function queues the
/// (account_id, event_id, at) keys its query yields, binned to 15 minutes, deduplicated and marked with the
/// platform's source, for the folder. A platform declares only its <see cref="Change"/>s: which keys a change of
/// its rows touches (<see cref="SalesSql"/>, <c>TicketscloudSalesSql</c>).
/// </summary>
/// <param name="source">The platform's <c>daily_sales.source</c>.</param>
/// <param name="functionPrefix">What the trigger functions' names start with.</param>
/// <param name="triggerPrefix">What the triggers' names start with.</param>
/// <param name="changes">The triggers, in the order they are created.</param>
public sealed class DailySalesQueueTriggers(string source, string functionPrefix, string triggerPrefix, IReadOnlyList<DailySalesQueueTriggers.Change> changes)
{
    /// <summary>
    /// One trigger: <paramref name="Statement"/> (INSERT, UPDATE or DELETE) on <paramref name="Table"/>, and the query
    /// over its transition tables (<c>new_rows</c>, <c>old_rows</c>) yielding the (account_id, event_id, at) keys to queue.
    /// </summary>
    public sealed record Change(string Name, string Statement, string Table, string Keys);

    private const string Bin = "date_bin('15 minutes', k.at, timestamptz '2000-01-01 00:00:00+00')";

    /// <summary>The trigger functions alone (a migration that changes only their bodies installs these).</summary>
    public string Functions => string.Join("\n", changes.Select(QueueFunction));

    /// <summary>The functions and their triggers.</summary>
    public string Create => string.Join("\n", [Functions, .. changes.Select(Trigger)]);

    /// <summary>The triggers and their functions.</summary>
    public string Drop => string.Join("\n", [
        .. changes.Select(c => $"DROP TRIGGER IF EXISTS {triggerPrefix}{c.Name} ON {c.Table};"),
        $"DROP FUNCTION IF EXISTS {string.Join(", ", changes.Select(c => $"{functionPrefix}{c.Name}()"))};",
    ]);

    private string QueueFunction(Change change) => $$"""
        CREATE OR REPLACE FUNCTION {{functionPrefix}}{{change.Name}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO daily_sales_queue (source, account_id, event_id, at)
            SELECT DISTINCT '{{source}}', k.account_id, k.event_id, {{Bin}}
            FROM ({{change.Keys}}) k;
            RETURN NULL;
        END
        $fn$;
        """;

    private string Trigger(Change change) =>
        $"CREATE TRIGGER {triggerPrefix}{change.Name} AFTER {change.Statement} ON {change.Table} REFERENCING {Transitions(change.Statement)} " +
        $"FOR EACH STATEMENT EXECUTE FUNCTION {functionPrefix}{change.Name}();";

    /// <summary>The transition tables a statement has: the rows it wrote, the rows it replaced or removed.</summary>
    private static string Transitions(string statement) => statement switch
    {
        "INSERT" => "NEW TABLE AS new_rows",
        "UPDATE" => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE" => "OLD TABLE AS old_rows",
        _ => throw new ArgumentOutOfRangeException(nameof(statement), statement, "Not a row-writing statement."),
    };
}
