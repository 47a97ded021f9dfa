using Npgsql;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>The two sides' totals over what an audit compared.</summary>
public readonly record struct AuditTotals(int Orders, int Tickets, decimal PaidSum, decimal Refunds)
{
    private static readonly string[] Fields = ["orders", "tickets", "paid_sum", "refunds"];

    /// <summary>A side's columns of <c>audit_results</c> (<c>mirror_orders, …</c>), each after <paramref name="prefix"/> (<c>@</c> for their parameters).</summary>
    public static string Columns(string side, string prefix = "") => string.Join(", ", Fields.Select(f => $"{prefix}{side}_{f}"));

    /// <summary>Binds this side's totals to the parameters <see cref="Columns"/> names with <c>@</c>.</summary>
    public void AddParameters(NpgsqlCommand command, string side)
    {
        ArgumentNullException.ThrowIfNull(command);
        object[] values = [Orders, Tickets, PaidSum, Refunds];
        for (var i = 0; i < Fields.Length; i++)
        {
            command.Parameters.AddWithValue($"{side}_{Fields[i]}", values[i]);
        }
    }

    /// <summary>One side's totals from four columns of <paramref name="reader"/>'s row, from <paramref name="first"/> on.</summary>
    public static AuditTotals Read(NpgsqlDataReader reader, int first)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new AuditTotals(reader.GetInt32(first), reader.GetInt32(first + 1), reader.GetDecimal(first + 2), reader.GetDecimal(first + 3));
    }
}
