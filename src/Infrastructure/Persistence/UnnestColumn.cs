using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// One column of a set-based write: how to read it off an entity and which PostgreSQL type its array
/// parameter has. A batch is sent as one array per column and turned back into rows with <c>unnest</c>,
/// so a page of 200 orders is one statement and one round trip.
/// </summary>
internal abstract class UnnestColumn<TEntity>(string name, string arrayType, string? cast)
{
    public string Name { get; } = name;

    /// <summary>The select-list expression turning the unnested value into the column's type.</summary>
    public string Select => cast is null ? $"u.{Name}" : $"u.{Name}::{cast}";

    public abstract NpgsqlParameter CreateParameter(string parameterName, IReadOnlyList<TEntity> rows);

    protected string ArrayType => arrayType;
}

internal sealed class UnnestColumn<TEntity, TValue>(string name, string arrayType, Func<TEntity, TValue> value, string? cast = null)
    : UnnestColumn<TEntity>(name, arrayType, cast)
{
    public override NpgsqlParameter CreateParameter(string parameterName, IReadOnlyList<TEntity> rows)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = value(rows[i]);
        }
        return new NpgsqlParameter(parameterName, values) { DataTypeName = ArrayType };
    }
}

internal static class UnnestColumn
{
    public static UnnestColumn<T> Text<T>(string name, Func<T, string?> value) => new UnnestColumn<T, string?>(name, "text[]", value);
    public static UnnestColumn<T> Json<T>(string name, Func<T, string?> value) => new UnnestColumn<T, string?>(name, "text[]", value, "jsonb");
    public static UnnestColumn<T> BigInt<T>(string name, Func<T, long> value) => new UnnestColumn<T, long>(name, "bigint[]", value);
    public static UnnestColumn<T> BigInt<T>(string name, Func<T, long?> value) => new UnnestColumn<T, long?>(name, "bigint[]", value);
    public static UnnestColumn<T> Int<T>(string name, Func<T, int> value) => new UnnestColumn<T, int>(name, "integer[]", value);
    public static UnnestColumn<T> Int<T>(string name, Func<T, int?> value) => new UnnestColumn<T, int?>(name, "integer[]", value);
    public static UnnestColumn<T> Bool<T>(string name, Func<T, bool> value) => new UnnestColumn<T, bool>(name, "boolean[]", value);
    public static UnnestColumn<T> Bool<T>(string name, Func<T, bool?> value) => new UnnestColumn<T, bool?>(name, "boolean[]", value);
    public static UnnestColumn<T> Money<T>(string name, Func<T, decimal> value) => new UnnestColumn<T, decimal>(name, "numeric[]", value);
    public static UnnestColumn<T> Money<T>(string name, Func<T, decimal?> value) => new UnnestColumn<T, decimal?>(name, "numeric[]", value);

    /// <summary>Npgsql writes only UTC to timestamptz; the instant is what is stored either way.</summary>
    public static UnnestColumn<T> Time<T>(string name, Func<T, DateTimeOffset> value) =>
        new UnnestColumn<T, DateTimeOffset>(name, "timestamptz[]", row => value(row).ToUniversalTime());

    public static UnnestColumn<T> Time<T>(string name, Func<T, DateTimeOffset?> value) =>
        new UnnestColumn<T, DateTimeOffset?>(name, "timestamptz[]", row => value(row)?.ToUniversalTime());

    /// <summary>unnest flattens nested arrays, so an array-valued column travels as its text form.</summary>
    public static UnnestColumn<T> BigIntArray<T>(string name, Func<T, long[]> value) =>
        new UnnestColumn<T, string>(name, "text[]", row => "{" + string.Join(',', value(row)) + "}", "bigint[]");

    /// <summary>A text array in its quoted text form, every element quoted and escaped.</summary>
    public static UnnestColumn<T> TextArray<T>(string name, Func<T, IReadOnlyList<string>> value) =>
        new UnnestColumn<T, string>(name, "text[]",
            row => "{" + string.Join(',', value(row).Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}",
            "text[]");
}
