using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// The accounts this deployment syncs, as configured, each with its id in <c>accounts</c>. The first call that
/// needs ids upserts the configured accounts by name (so an account keeps its id for as long as it keeps its
/// name) and marks accounts the settings no longer list as disabled; their rows stay. A failed registration
/// (database unreachable) is tried again by the next call.
/// </summary>
public sealed partial class AccountDirectory
{
    private const string UpsertSql = """
        WITH configured AS (
            SELECT * FROM unnest(@names, @platforms, @organizations, @enabled) AS c(name, platform, organization, enabled)
        ),
        upserted AS (
            INSERT INTO accounts AS a (name, platform, organization, enabled, created_at, updated_at)
            SELECT name, platform, organization, enabled, @now, @now FROM configured ORDER BY name
            ON CONFLICT (name) DO UPDATE SET
                organization = excluded.organization, enabled = excluded.enabled, updated_at = excluded.updated_at
            WHERE (a.organization, a.enabled) IS DISTINCT FROM (excluded.organization, excluded.enabled)
            RETURNING a.id, a.name, a.platform
        ),
        retired AS (
            UPDATE accounts SET enabled = false, updated_at = @now
            WHERE enabled AND name <> ALL(@names)
            RETURNING id
        )
        SELECT id, name, platform FROM upserted
        UNION ALL
        SELECT a.id, a.name, a.platform FROM accounts a
        WHERE a.name = ANY(@names) AND a.name NOT IN (SELECT name FROM upserted)
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider time;
    private readonly ILogger<AccountDirectory> logger;
    private readonly Lazy<IReadOnlyList<AccountSettings>> configured;
    private readonly SemaphoreSlim registering = new(1, 1);
    private volatile Registered? registered;

    public AccountDirectory(
        IOptions<AccountsOptions> accounts,
        IEnumerable<IPlatformAccountDefaults> platforms,
        NpgsqlDataSource dataSource,
        TimeProvider time,
        ILogger<AccountDirectory> logger)
    {
        this.dataSource = dataSource;
        this.time = time;
        this.logger = logger;
        configured = new(() => Resolve(accounts.Value, platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal)));
    }

    /// <summary>Every configured account, enabled or not, in settings order (no database needed).</summary>
    public IReadOnlyList<AccountSettings> Configured => configured.Value;

    public AccountSettings? FindConfigured(string name) => Configured.FirstOrDefault(a => a.Name == name);

    /// <summary>Every configured account with its id.</summary>
    public async ValueTask<IReadOnlyList<SyncAccount>> GetAllAsync(CancellationToken cancellationToken) =>
        (await RegisterAsync(cancellationToken)).All;

    public async ValueTask<SyncAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await RegisterAsync(cancellationToken)).ByName.GetValueOrDefault(name);

    public async ValueTask<SyncAccount?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await RegisterAsync(cancellationToken)).ById.GetValueOrDefault(id);

    /// <exception cref="UnknownAccountException">No account of that name is configured.</exception>
    public async ValueTask<SyncAccount> GetAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(name, cancellationToken) ?? throw new UnknownAccountException(name, Configured.Select(a => a.Name));

    /// <summary>
    /// The account meant when none is named: the only enabled account of <paramref name="platform"/>, or null
    /// when there are several (or none) and the caller must ask for a name.
    /// </summary>
    public async ValueTask<SyncAccount?> SingleAsync(string platform, CancellationToken cancellationToken)
    {
        var candidates = (await GetAllAsync(cancellationToken)).Where(a => a.Platform == platform && a.Settings.Enabled).Take(2).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }


    private async ValueTask<Registered> RegisterAsync(CancellationToken cancellationToken)
    {
        if (registered is { } done)
        {
            return done;
        }
        await registering.WaitAsync(cancellationToken);
        try
        {
            return registered ??= await UpsertAsync(cancellationToken);
        }
        finally
        {
            registering.Release();
        }
    }

    private async Task<Registered> UpsertAsync(CancellationToken cancellationToken)
    {
        var accounts = Configured;
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = accounts.Select(a => a.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("platforms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = accounts.Select(a => a.Platform).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("organizations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = accounts.Select(a => a.Organization).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("enabled", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = accounts.Select(a => a.Enabled).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("now", time.GetUtcNow()));
        var ids = new Dictionary<string, (int Id, string Platform)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetString(1)] = (reader.GetInt32(0), reader.GetString(2));
            }
        }
        var all = new List<SyncAccount>(accounts.Count);
        foreach (var account in accounts)
        {
            var (id, platform) = ids[account.Name];
            if (platform != account.Platform)
            {
                // Its rows are another platform's: mixing them under one account would make ids collide.
                throw new InvalidOperationException(
                    $"Account '{account.Name}' ({account.SettingsPrefix}) is configured for {account.Platform}, but the database holds it as a {platform} account; give it another name.");
            }
            all.Add(new SyncAccount(id, account));
        }
        LogRegistered(all.Count, string.Join(", ", all));
        return new Registered(all);
    }

    private static List<AccountSettings> Resolve(
        AccountsOptions accounts, Dictionary<string, IPlatformAccountDefaults> platforms)
    {
        var resolved = new List<AccountSettings>(accounts.Entries.Count + 1);
        if (accounts.UsesQticketsSettings && platforms.GetValueOrDefault(AccountPlatforms.Qtickets)?.SectionAccount([.. accounts.SectionWebhookSecrets.OfType<string>()]) is { } section)
        {
            resolved.Add(section);
        }
        foreach (var entry in accounts.Entries)
        {
            var platform = entry.Platform ?? AccountPlatforms.Qtickets;
            var defaults = platforms.GetValueOrDefault(platform);
            resolved.Add(new AccountSettings(
                entry.Name ?? "",
                platform,
                entry.BaseUrl is { Length: > 0 } url ? url : defaults?.BaseUrl ?? "",
                entry.Token ?? "",
                [.. entry.WebhookSecrets.OfType<string>()],
                string.IsNullOrWhiteSpace(entry.Organization) ? null : entry.Organization,
                int.TryParse(entry.RequestsPerSecond, out var rate) ? rate : defaults?.RequestsPerSecond ?? 0,
                !bool.TryParse(entry.Enabled, out var enabled) || enabled,
                $"{AccountsOptions.Section}:{entry.Key}"));
        }
        return resolved;
    }

    private sealed class Registered(List<SyncAccount> all)
    {
        public IReadOnlyList<SyncAccount> All { get; } = all;
        public Dictionary<string, SyncAccount> ByName { get; } = all.ToDictionary(a => a.Name, StringComparer.Ordinal);
        public Dictionary<int, SyncAccount> ById { get; } = all.ToDictionary(a => a.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accounts registered: {Count} ({Accounts})")]
    private partial void LogRegistered(int count, string accounts);
}
