using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// How a buyer is recognised: an e-mail compared without case, a phone by its digits (a Russian 8… or ten-digit
/// number as 7…), and the keyed hash (HMAC-SHA256 with <c>PersonalData:HashKey</c>) an erasure keeps instead.
/// The phone rule is also the SQL function <c>personal_phone</c> the phone indexes are built on
/// (migration PersonalData); the two must stay the same rule.
/// Without a configured key the database's own (table <c>personal_data_key</c>, random, made by the migration) is
/// used, read once: a deployment upgraded without the new setting still starts, and its instances hash alike.
/// </summary>
public sealed class PersonalIdentifiers(IOptions<PersonalDataOptions> options, NpgsqlDataSource dataSource)
{
    private readonly Lazy<byte[]> key = new(() => Encoding.UTF8.GetBytes(
        options.Value.HashKey.Trim() is { Length: > 0 } configured ? configured : DatabaseKey(dataSource)));

    private static string DatabaseKey(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("SELECT hash_key FROM personal_data_key WHERE id = 1");
        return (string)(command.ExecuteScalar() ?? throw new InvalidOperationException("personal_data_key holds no key: apply the migrations."));
    }

    public static string? NormaliseEmail(string? email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) || !trimmed.Contains('@') ? null : trimmed.ToLowerInvariant();
    }

    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }
        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length switch
        {
            11 when digits[0] == '8' => "7" + digits[1..],
            10 => "7" + digits,
            >= 5 => digits,
            _ => null,
        };
    }

    public byte[]? EmailHash(string? email) => Hash("email", NormaliseEmail(email));

    public byte[]? PhoneHash(string? phone) => Hash("phone", NormalisePhone(phone));

    private byte[]? Hash(string kind, string? normalised) =>
        normalised is null ? null : HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes($"{kind}:{normalised}"));
}
