using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Ticketscloud order reads: keyset pages over (created_at, account, id) backwards, so any page costs the same
/// however deep; one order with its tickets and refund requests. Personal data masked without <c>read:pii</c>.
/// </summary>
public static class TicketscloudOrderReader
{
    public static async Task<TicketscloudOrderPageDto> PageAsync(
        SyncDbContext db, TicketscloudOrderFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var orders = db.Set<TicketscloudOrderRow>().AsNoTracking();
        if (filter.Accounts.Ids is { } accountIds)
        {
            orders = orders.Where(o => accountIds.Contains(o.AccountId));
        }
        if (filter.EventId is { } eventId)
        {
            orders = orders.Where(o => o.EventId == eventId);
        }
        if (filter.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }
        if (filter.CreatedFrom is { } from)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }
        if (filter.CreatedTo is { } to)
        {
            orders = orders.Where(o => o.CreatedAt < to);
        }
        if (filter.ClientEmail is { } email)
        {
            orders = orders.Where(o => o.CustomerEmail == email);
        }
        if (filter.After is { } after)
        {
            orders = orders.Where(o => o.CreatedAt < after.CreatedAt
                || (o.CreatedAt == after.CreatedAt && (o.AccountId < after.AccountId
                    || (o.AccountId == after.AccountId && string.Compare(o.Id, after.Id) < 0))));
        }
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.AccountId).ThenByDescending(o => o.Id)
            .Take(filter.Limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > filter.Limit)
        {
            rows.RemoveAt(filter.Limit);
            next = new TicketscloudOrderCursor(rows[^1].CreatedAt, rows[^1].AccountId, rows[^1].Id).Encode();
        }
        var titles = await TitlesAsync(db, rows, cancellationToken);
        var names = await AccountNamesAsync(db, rows, cancellationToken);
        return new TicketscloudOrderPageDto { Items = [.. rows.Select(o => ToDto(o, names, titles, pii))], NextCursor = next };
    }

    public static async Task<TicketscloudOrderDto?> FindAsync(
        SyncDbContext db, string id, AccountFilter accounts, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(accounts);
        var accountIds = accounts.Ids;
        // Ids are unique within an account; Ticketscloud ObjectIds are unique across its accounts too, so the
        // first match is the order (the newest observation should the same order be mirrored under two accounts).
        var order = await db.Set<TicketscloudOrderRow>().AsNoTracking().Where(o => o.Id == id && (accountIds == null || accountIds.Contains(o.AccountId)))
            .OrderByDescending(o => o.ObservedAt).FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }
        var tickets = await db.Set<TicketscloudTicketRow>().AsNoTracking()
            .Where(t => t.AccountId == order.AccountId && t.OrderId == id).OrderBy(t => t.Number).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var refunds = await db.Set<TicketscloudRefundRequestRow>().AsNoTracking()
            .Where(r => r.AccountId == order.AccountId && r.OrderId == id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var titles = await TitlesAsync(db, [order], cancellationToken);
        var names = await AccountNamesAsync(db, [order], cancellationToken);
        return ToDto(order, names, titles, pii) with
        {
            Tickets = [.. tickets.Select(t => new TicketscloudTicketDto
            {
                Id = t.Id, Number = t.Number, Barcode = t.Barcode, Serial = t.Serial, SetId = t.SetId, Status = t.Status,
                Nominal = t.Nominal, Extra = t.Extra, Full = t.Full, Discount = t.Discount, Price = t.Price, VanishedAt = t.VanishedAt,
                RefundRequestId = refunds.FirstOrDefault(r => r.Status == TicketscloudRefundStatuses.Approved && r.TicketIds.Contains(t.Id))?.Id,
            })],
            RefundRequests = [.. refunds.Select(r => new TicketscloudRefundRequestDto
            {
                Id = r.Id, Status = r.Status, TicketIds = r.TicketIds, Amount = r.Amount, CreatedAt = r.CreatedAt, ApprovedAt = r.ApprovedAt,
            })],
        };
    }

    private static async Task<Dictionary<(int, string), string?>> TitlesAsync(
        SyncDbContext db, IReadOnlyList<TicketscloudOrderRow> orders, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.EventId).Distinct().ToList();
        var events = await db.Set<TicketscloudEventRow>().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.AccountId, e.Id, e.Title }).ToListAsync(cancellationToken);
        return events.ToDictionary(e => (e.AccountId, e.Id), e => e.Title);
    }

    private static async Task<Dictionary<int, string>> AccountNamesAsync(
        SyncDbContext db, IReadOnlyCollection<TicketscloudOrderRow> orders, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.AccountId).Distinct().ToList();
        return await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    private static TicketscloudOrderDto ToDto(
        TicketscloudOrderRow o, Dictionary<int, string> accounts, Dictionary<(int, string), string?> titles, bool pii) => new()
    {
        Account = accounts.GetValueOrDefault(o.AccountId, ""),
        Id = o.Id,
        Number = o.Number,
        Code = o.Code,
        EventId = o.EventId,
        EventTitle = titles.GetValueOrDefault((o.AccountId, o.EventId)),
        OrgId = o.OrgId,
        VendorId = o.VendorId,
        Origin = o.Origin,
        Status = o.Status,
        CreatedAt = o.CreatedAt,
        DoneAt = o.DoneAt,
        ExpiredAfter = o.ExpiredAfter,
        Nominal = o.Nominal,
        Extra = o.Extra,
        Full = o.Full,
        Discount = o.Discount,
        Price = o.Price,
        PromoCodes = o.PromoCodes,
        CustomerEmail = pii ? o.CustomerEmail : PiiMask.Email(o.CustomerEmail),
        CustomerPhone = pii ? o.CustomerPhone : PiiMask.Phone(o.CustomerPhone),
        CustomerName = pii ? o.CustomerName : PiiMask.Name(o.CustomerName),
        VendorOrderId = o.VendorOrderId,
        TimeZone = o.TimeZone,
        ObservedAt = o.ObservedAt,
    };
}
