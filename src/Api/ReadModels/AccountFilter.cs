using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The accounts a read may return rows of: null ids for every account, else exactly those.</summary>
public sealed record AccountFilter(IReadOnlyList<int>? Ids)
{
    public static readonly AccountFilter All = new((IReadOnlyList<int>?)null);

    /// <summary>
    /// <c>{column} = ANY(@{parameter})</c> with its parameter added to <paramref name="command"/>, or null when every
    /// account is readable (no condition, so the plan stays what it was before accounts).
    /// </summary>
    public string? Condition(NpgsqlCommand command, string column, string parameter = "accounts")
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Ids is null)
        {
            return null;
        }
        command.Parameters.Add(Parameter(parameter));
        return $"{column} = ANY(@{parameter})";
    }

    /// <summary>The ids as an <c>integer[]</c> parameter (DBNull when every account is readable).</summary>
    public NpgsqlParameter Parameter(string? name = null) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = Ids is null ? DBNull.Value : Ids.ToArray() };

    public bool Includes(int accountId) => Ids is null || Ids.Contains(accountId);
}
