using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Where the mirror lives. The connection string comes from <c>ConnectionStrings:Postgres</c>; an optional read
/// replica for the read API, dashboard figures, CSV and the change feed from <c>ConnectionStrings:PostgresReadOnly</c>.
/// </summary>
public sealed class PostgresOptions
{
    public const string Section = "Database";

    public string ConnectionString { get; set; } = "";

    /// <summary>A streaming replica of the primary for reads that may lag a little (<see cref="ReadDataSource"/>); empty for none.</summary>
    public string ReadOnlyConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the host starts; off when a deploy step runs <c>migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

internal sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:Postgres is not set (environment: ConnectionStrings__Postgres).");
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {ex.Message}");
        }
        if (!string.IsNullOrWhiteSpace(options.ReadOnlyConnectionString))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ReadOnlyConnectionString);
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"ConnectionStrings:PostgresReadOnly is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
