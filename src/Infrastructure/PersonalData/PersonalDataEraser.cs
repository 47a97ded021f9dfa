using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.PersonalData;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Erases one person from every <see cref="ErasurePlaces"/> entry in one transaction and records the erasure by
/// keyed hashes, which from then on mask that person's data as it arrives (<see cref="ErasedPeople"/>).
/// </summary>
public sealed partial class PersonalDataEraser(
    NpgsqlDataSource dataSource, PersonalIdentifiers identifiers, TimeProvider time, ILogger<PersonalDataEraser> logger)
{
    public async Task<PersonalDataErasure> EraseAsync(
        string? email, string? phone, int? accountId, string requestedBy, CancellationToken cancellationToken)
    {
        var normalisedEmail = PersonalIdentifiers.NormaliseEmail(email);
        var normalisedPhone = PersonalIdentifiers.NormalisePhone(phone);
        if (normalisedEmail is null && normalisedPhone is null)
        {
            throw new ArgumentException("An erasure needs an e-mail address or a phone number.");
        }
        var erasure = new PersonalDataErasure
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            RequestedAt = time.GetUtcNow(),
            RequestedBy = requestedBy,
            AccountId = accountId,
            EmailHash = identifiers.EmailHash(normalisedEmail),
            PhoneHash = identifiers.PhoneHash(normalisedPhone),
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var targets = new NpgsqlCommand(ErasurePlaces.TargetsSql, connection, transaction))
        {
            targets.Parameters.Add(new NpgsqlParameter("email", NpgsqlDbType.Text) { Value = (object?)normalisedEmail ?? DBNull.Value });
            targets.Parameters.Add(new NpgsqlParameter("phone", NpgsqlDbType.Text) { Value = (object?)normalisedPhone ?? DBNull.Value });
            targets.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Integer) { Value = (object?)accountId ?? DBNull.Value });
            await targets.ExecuteNonQueryAsync(cancellationToken);
        }
        var terms = await TermsAsync(connection, transaction, normalisedEmail, phone, normalisedPhone, cancellationToken);

        var counts = await PlaceScrubber.ScrubAllAsync(connection, transaction, terms, cancellationToken);
        erasure.CompletedAt = time.GetUtcNow();
        erasure.Counts = JsonSerializer.Serialize(counts, PersonalDataJsonContext.Default.DictionaryStringInt32);
        await InsertAsync(connection, transaction, erasure, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogErased(erasure.Id, requestedBy, counts.Values.Sum());
        return erasure;
    }

    /// <summary>
    /// The strings to cut out of text: the e-mail, the phone as asked and as normalised, and every way the stored
    /// rows wrote that phone (<c>+7 (910) …</c>, <c>8910…</c>), so free text and payloads lose it whatever its form.
    /// </summary>
    private static async Task<List<string>> TermsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string? email, string? phone, string? normalisedPhone,
        CancellationToken cancellationToken)
    {
        var terms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (email is not null)
        {
            terms.Add(email);
        }
        if (normalisedPhone is not null)
        {
            terms.Add(phone!.Trim());
            terms.Add(normalisedPhone);
            await using var stored = new NpgsqlCommand("""
                SELECT client_phone FROM qtickets_orders WHERE (account_id, id) IN (SELECT account_id, id FROM erase_orders)
                UNION SELECT client_phone FROM qtickets_baskets WHERE (account_id, id) IN (SELECT account_id, id FROM erase_tickets)
                UNION SELECT phone FROM qtickets_clients WHERE (account_id, id) IN (SELECT account_id, id FROM erase_clients)
                UNION SELECT customer_phone FROM ticketscloud_orders WHERE (account_id, id) IN (SELECT account_id, id FROM erase_tc_orders)
                """, connection, transaction);
            await using var reader = await stored.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(0) && PersonalIdentifiers.NormalisePhone(reader.GetString(0)) == normalisedPhone)
                {
                    terms.Add(reader.GetString(0));
                }
            }
        }
        terms.RemoveWhere(string.IsNullOrWhiteSpace);
        // Longest first, so "+79100000000" goes before its tail "79100000000" would leave a stray "+".
        return [.. terms.OrderByDescending(t => t.Length)];
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO personal_data_erasures (id, requested_at, requested_by, account_id, email_hash, phone_hash, completed_at, counts)
            VALUES (@id, @requested_at, @requested_by, @account_id, @email_hash, @phone_hash, @completed_at, @counts::jsonb)
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter("id", erasure.Id));
        insert.Parameters.Add(new NpgsqlParameter("requested_at", erasure.RequestedAt));
        insert.Parameters.Add(new NpgsqlParameter("requested_by", erasure.RequestedBy));
        insert.Parameters.Add(new NpgsqlParameter("account_id", NpgsqlDbType.Integer) { Value = (object?)erasure.AccountId ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("email_hash", NpgsqlDbType.Bytea) { Value = (object?)erasure.EmailHash ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("phone_hash", NpgsqlDbType.Bytea) { Value = (object?)erasure.PhoneHash ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("completed_at", erasure.CompletedAt!.Value));
        insert.Parameters.Add(new NpgsqlParameter("counts", erasure.Counts));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data erasure {ErasureId} by {RequestedBy}: {Rows} rows changed")]
    private partial void LogErased(Guid erasureId, string requestedBy, int rows);
}
