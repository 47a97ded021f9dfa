using System.Security.Claims;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Which accounts a request reads: the <c>account</c> parameter (repeated, comma-separated, or both) intersected
/// with the key's <c>Auth:ApiKeys:n:Accounts</c>. A name the key may not read is refused exactly like a name
/// that does not exist, so a limited key cannot learn which other accounts a deployment holds.
/// </summary>
public sealed class ReadableAccounts(AccountDirectory directory, NpgsqlDataSource dataSource)
{
    public const string Parameter = "account";

    /// <summary>
    /// The filter for a list or report; a bad name is recorded in <paramref name="query"/> under <c>account</c>.
    /// With <paramref name="platforms"/> (what the request's <c>platform</c> keeps, or the one platform an endpoint
    /// serves), an account named on another platform is a bad name too: it would only ever answer an empty page.
    /// </summary>
    public async Task<AccountFilter> ResolveAsync(
        ClaimsPrincipal user, IEnumerable<string?>? requested, QueryText query, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? platforms = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var allowed = ApiKeyAccounts.Of(user);
        var names = (requested ?? []).SelectMany(ApiKeyAccounts.Parse).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return allowed is null ? AccountFilter.All : new AccountFilter([.. (await IdsAsync(allowed, cancellationToken)).Values.Select(a => a.Id)]);
        }
        var ids = await IdsAsync(names.Where(n => allowed is null || allowed.Contains(n)), cancellationToken);
        var refused = names.Where(n => !ids.ContainsKey(n)).ToList();
        if (refused.Count > 0)
        {
            var readable = allowed ?? (IEnumerable<string>)directory.Configured.Select(a => a.Name);
            query.Fail(Parameter,
                $"{string.Join(", ", refused.Select(n => $"'{n}'"))}: no such account {(allowed is null ? "" : "for this key ")}(accounts: {string.Join(", ", readable)}).");
            return AccountFilter.All;
        }
        var elsewhere = platforms is null ? [] : ids.Where(a => !platforms.Contains(a.Value.Platform)).ToList();
        if (elsewhere.Count > 0)
        {
            query.Fail(Parameter, string.Join(" ", elsewhere.Select(a =>
                $"'{a.Key}' is a {a.Value.Platform} account, and this request reads only {string.Join(", ", platforms!)}.")));
            return AccountFilter.All;
        }
        return new AccountFilter([.. ids.Values.Select(a => a.Id)]);
    }

    /// <summary>The id of one account named in a path, or null when it does not exist or the key may not read it.</summary>
    public async Task<int?> FindAsync(ClaimsPrincipal user, string name, CancellationToken cancellationToken)
    {
        if (ApiKeyAccounts.Of(user) is { } allowed && !allowed.Contains(name))
        {
            return null;
        }
        return (await IdsAsync([name], cancellationToken)).TryGetValue(name, out var account) ? account.Id : null;
    }

    /// <summary>
    /// Ids and platforms of the accounts named: configured ones from the directory, then any that left the settings but whose
    /// rows are still kept (disabled rows of <c>accounts</c>).
    /// </summary>
    private async Task<Dictionary<string, (int Id, string Platform)>> IdsAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var all = await directory.GetAllAsync(cancellationToken);
        var ids = new Dictionary<string, (int Id, string Platform)>(StringComparer.Ordinal);
        var rest = new List<string>();
        foreach (var name in names)
        {
            if (all.FirstOrDefault(a => a.Name == name) is { } account)
            {
                ids[name] = (account.Id, account.Platform);
            }
            else
            {
                rest.Add(name);
            }
        }
        if (rest.Count == 0)
        {
            return ids;
        }
        await using var command = dataSource.CreateCommand("SELECT name, id, platform FROM accounts WHERE name = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = rest.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2));
        }
        return ids;
    }
}
