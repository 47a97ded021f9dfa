using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Masks, on the way in, the data of people who asked to be erased, so a webhook, a reconcile page or a command's
/// answer bringing their order again stores it as the erasure left it. The upserters call this first thing, which
/// makes it the one entry every write of orders goes through.
/// </summary>
public sealed class ErasedPeople(PersonalIdentifiers identifiers)
{
    /// <summary>QTickets orders of <paramref name="accountId"/>, masked in place where a buyer or holder was erased.</summary>
    public async Task MaskAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        var hashes = orders.SelectMany(o => o.Baskets.SelectMany(b => Hashes(b.ClientEmail, b.ClientPhone))
            .Concat(Hashes(o.ClientEmail, o.ClientPhone)).Concat(Hashes(o.Client?.Email, o.Client?.Phone))).ToList();
        var erased = await ErasedAmongAsync(connection, transaction, accountId, hashes, cancellationToken);
        if (erased.Count == 0)
        {
            return;
        }
        foreach (var order in orders)
        {
            if (IsErased(erased, order.ClientEmail, order.ClientPhone) || IsErased(erased, order.Client?.Email, order.Client?.Phone))
            {
                MaskBuyer(order);
                continue;
            }
            foreach (var basket in order.Baskets.Where(b => IsErased(erased, b.ClientEmail, b.ClientPhone)))
            {
                var held = new PersonalScrub(Terms(basket.ClientEmail, basket.ClientPhone), Whole: false);
                order.Raw = held.Json(order.Raw)!;
                order.Custom = held.Json(order.Custom);
                order.Fields = held.Json(order.Fields);
                MaskHolder(basket, new PersonalScrub(Terms(basket.ClientEmail, basket.ClientPhone), Whole: true));
            }
        }
    }

    /// <summary>Ticketscloud orders of <paramref name="accountId"/>, with erased customers' data masked.</summary>
    public async Task<IReadOnlyList<TicketscloudOrder>> MaskAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<TicketscloudOrder> orders,
        CancellationToken cancellationToken)
    {
        var hashes = orders.SelectMany(o => Hashes(o.CustomerEmail, o.CustomerPhone)).ToList();
        var erased = await ErasedAmongAsync(connection, transaction, accountId, hashes, cancellationToken);
        if (erased.Count == 0)
        {
            return orders;
        }
        return [.. orders.Select(o =>
        {
            if (!IsErased(erased, o.CustomerEmail, o.CustomerPhone))
            {
                return o;
            }
            var scrub = new PersonalScrub(Terms(o.CustomerEmail, o.CustomerPhone), Whole: true);
            return o with
            {
                CustomerName = null,
                CustomerEmail = null,
                CustomerPhone = null,
                Raw = scrub.Json(o.Raw)!,
                VendorData = scrub.Json(o.VendorData),
                Settings = scrub.Json(o.Settings),
                Tickets = [.. o.Tickets.Select(t => t with { Raw = scrub.Json(t.Raw)! })],
            };
        })];
    }

    private static void MaskBuyer(Order order)
    {
        var scrub = new PersonalScrub(
            Terms(order.ClientEmail, order.ClientPhone).Concat(Terms(order.Client?.Email, order.Client?.Phone)).Distinct().ToList(), Whole: true);
        order.ClientEmail = order.ClientPhone = order.ClientName = order.ClientSurname = order.ClientMiddlename = null;
        order.Raw = scrub.Json(order.Raw)!;
        order.Custom = scrub.Json(order.Custom);
        order.Fields = scrub.Json(order.Fields);
        if (order.Client is { } client)
        {
            client.Email = client.Phone = client.Name = client.Surname = client.Middlename = client.VkId = client.FacebookId = null;
            client.Raw = scrub.Json(client.Raw)!;
        }
        foreach (var basket in order.Baskets)
        {
            MaskHolder(basket, scrub);
        }
    }

    private static void MaskHolder(Basket basket, PersonalScrub scrub)
    {
        basket.ClientEmail = basket.ClientPhone = basket.ClientName = basket.ClientSurname = basket.ClientMiddlename = null;
        basket.Raw = scrub.Json(basket.Raw)!;
        basket.Comment = scrub.Text(basket.Comment);
    }

    private static List<string> Terms(string? email, string? phone) =>
        [.. new[] { email, phone, PersonalIdentifiers.NormalisePhone(phone) }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())
            .OrderByDescending(t => t.Length)];

    private IEnumerable<byte[]> Hashes(string? email, string? phone) =>
        new[] { identifiers.EmailHash(email), identifiers.PhoneHash(phone) }.OfType<byte[]>();

    private bool IsErased(HashSet<string> erased, string? email, string? phone) =>
        Hashes(email, phone).Any(h => erased.Contains(Convert.ToHexString(h)));

    private static async Task<HashSet<string>> ErasedAmongAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, List<byte[]> hashes, CancellationToken cancellationToken)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0)
        {
            return erased;
        }
        await using var command = new NpgsqlCommand("""
            SELECT email_hash FROM personal_data_erasures
            WHERE email_hash = ANY(@hashes) AND (account_id IS NULL OR account_id = @account)
            UNION
            SELECT phone_hash FROM personal_data_erasures
            WHERE phone_hash = ANY(@hashes) AND (account_id IS NULL OR account_id = @account)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = hashes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("account", accountId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            erased.Add(Convert.ToHexString((byte[])reader[0]));
        }
        return erased;
    }
}
