namespace Ticketscloud.Emulator.Data;

/// <summary>
/// The status changes Ticketscloud makes over an order's life (reference notes): executed/in_progress → done
/// (paid) or expired; done → cancelled; refund requests new → in_progress → approved/rejected, an approved one
/// turning its tickets refunded. None of them leaves an <c>updated_at</c> behind: Ticketscloud has none.
/// </summary>
public static class TcLifecycle
{
    public static void Complete(TcOrder order, DateTimeOffset at)
    {
        order.Status = "done";
        order.DoneAt = at;
        foreach (var ticket in order.Tickets)
        {
            ticket.Status = "sold";
            ticket.Barcode ??= (order.Number * 1_000_003 + ticket.Number).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static void Expire(TcOrder order)
    {
        order.Status = "expired";
        foreach (var ticket in order.Tickets)
        {
            ticket.Status = "cancelled";
        }
    }

    public static void Cancel(TcOrder order)
    {
        order.Status = "cancelled";
        foreach (var ticket in order.Tickets)
        {
            if (ticket.Status != "refunded")
            {
                ticket.Status = "cancelled";
            }
        }
    }

    public static TcRefundRequest RequestRefund(
        TcOrganizer organizer, TcOrder order, IReadOnlyList<string> ticketIds, DateTimeOffset at, Random random)
    {
        var request = new TcRefundRequest
        {
            Id = HexId.Next(random, at),
            Order = order.Id,
            Event = order.Event,
            Org = order.Org,
            Tickets = [.. ticketIds],
            Amount = order.Tickets.Where(t => ticketIds.Contains(t.Id)).Sum(t => t.Full),
            Reason = "Не смогу прийти",
            CreatedAt = at,
            UpdatedAt = at,
            Status = "new",
        };
        organizer.RefundRequests.Add(request);
        return request;
    }

    public static void Resolve(TcOrder order, TcRefundRequest request, string status, DateTimeOffset at)
    {
        request.Status = status;
        request.UpdatedAt = at;
        if (status == "approved")
        {
            foreach (var ticket in order.Tickets.Where(t => request.Tickets.Contains(t.Id)))
            {
                ticket.Status = "refunded";
            }
        }
    }
}
