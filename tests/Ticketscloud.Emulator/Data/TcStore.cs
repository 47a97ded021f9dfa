using Microsoft.Extensions.Options;

namespace Ticketscloud.Emulator.Data;

/// <summary>
/// All organizers' data behind one lock. Everything that reads or changes orders does so inside
/// <see cref="Read{T}"/> or <see cref="Update{T}"/>, so an answer is always built from one consistent state.
/// Before each, executed orders past <c>expired_after</c> expire: time alone changes statuses, as upstream.
/// </summary>
/// <remarks>
/// Extension point for write endpoints (order actions): change an order with
/// <c>store.Update(o =&gt; { var order = o.OrdersById[id]; … })</c> and serialise the answer with
/// <see cref="Api.TcJson"/> inside the same call.
/// </remarks>
public sealed class TcStore
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly Random random;
    private long nextNumber;

    public TcStore(IOptions<TcEmulatorOptions> options, TimeProvider time)
    {
        this.time = time;
        var o = options.Value;
        var now = time.GetUtcNow();
        // Orders created live must not take the ids or numbers of a previous start's: both the random source
        // and the numbers start from the start-up time (numbers stay unique below a thousand orders a second).
        random = new Random(unchecked(o.Seed ^ (int)now.ToUnixTimeSeconds()));
        nextNumber = now.ToUnixTimeSeconds() * 1_000;
        Organizers = o.EffectiveOrganizers
            .Select((organizer, i) => TcDataGenerator.Generate(organizer, i, o.Seed, now, o.HorizonDays))
            .ToList();
    }

    public IReadOnlyList<TcOrganizer> Organizers { get; }

    public DateTimeOffset Now => time.GetUtcNow();

    public TcOrganizer? FindByToken(string token) =>
        Organizers.FirstOrDefault(o => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(o.Token), System.Text.Encoding.UTF8.GetBytes(token)));

    public T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            ExpireDue();
            return read();
        }
    }

    public T Update<T>(Func<T> change)
    {
        lock (gate)
        {
            ExpireDue();
            return change();
        }
    }

    public void Update(Action change) => Update(() =>
    {
        change();
        return 0;
    });

    /// <summary>A new unpaid order created now (activity, tests).</summary>
    public TcOrder CreateOrder(TcOrganizer organizer) => Update(() =>
    {
        var order = TcDataGenerator.NewOrder(organizer, random, TcDataGenerator.Trim(Now), Interlocked.Increment(ref nextNumber));
        organizer.Add(order);
        return order;
    });

    /// <summary>Moves an order to <paramref name="status"/> as Ticketscloud would (paid, cancelled, expired).</summary>
    public void SetStatus(TcOrganizer organizer, string orderId, string status) => Update(() =>
    {
        var order = organizer.OrdersById[orderId];
        switch (status)
        {
            case "done": TcLifecycle.Complete(order, TcDataGenerator.Trim(Now)); break;
            case "cancelled": TcLifecycle.Cancel(order); break;
            case "expired": TcLifecycle.Expire(order); break;
            default: order.Status = status; break;
        }
    });

    public TcRefundRequest RequestRefund(TcOrganizer organizer, string orderId, IReadOnlyList<string> ticketIds) => Update(() =>
        TcLifecycle.RequestRefund(organizer, organizer.OrdersById[orderId], ticketIds, TcDataGenerator.Trim(Now), random));

    public void ResolveRefund(TcOrganizer organizer, string requestId, string status) => Update(() =>
    {
        var request = organizer.RefundRequests.First(r => r.Id == requestId);
        TcLifecycle.Resolve(organizer.OrdersById[request.Order], request, status, TcDataGenerator.Trim(Now));
    });

    /// <summary>One random lifecycle step somewhere (the demo's live activity).</summary>
    public string Step() => Update(() =>
    {
        var organizer = Organizers[random.Next(Organizers.Count)];
        var roll = random.NextDouble();
        var pending = organizer.Orders.LastOrDefault(o => o.Status is "executed" or "in_progress");
        if (roll < 0.45 || organizer.Orders.Count == 0)
        {
            var order = TcDataGenerator.NewOrder(organizer, random, TcDataGenerator.Trim(Now), Interlocked.Increment(ref nextNumber));
            organizer.Add(order);
            return $"created {order.Id}";
        }
        if (roll < 0.8 && pending is not null)
        {
            TcLifecycle.Complete(pending, TcDataGenerator.Trim(Now));
            return $"paid {pending.Id}";
        }
        var done = organizer.Orders[random.Next(organizer.Orders.Count)];
        if (done.Status != "done")
        {
            return "nothing";
        }
        if (roll < 0.85)
        {
            TcLifecycle.Cancel(done);
            return $"cancelled {done.Id}";
        }
        var open = organizer.RefundRequests.FirstOrDefault(r => r.Status is "new" or "in_progress");
        if (roll < 0.93 || open is null)
        {
            var request = TcLifecycle.RequestRefund(organizer, done, [done.Tickets[0].Id], TcDataGenerator.Trim(Now), random);
            return $"refund requested {request.Id}";
        }
        TcLifecycle.Resolve(organizer.OrdersById[open.Order], open, random.NextDouble() < 0.8 ? "approved" : "rejected", TcDataGenerator.Trim(Now));
        return $"refund {open.Status} {open.Id}";
    });

    private void ExpireDue()
    {
        var now = Now;
        foreach (var organizer in Organizers)
        {
            // Pending orders are few and young: walk back from the newest until past any that could still be pending.
            for (var i = organizer.Orders.Count - 1; i >= 0; i--)
            {
                var order = organizer.Orders[i];
                if (order.Status is "executed" or "in_progress" && order.ExpiredAfter < now)
                {
                    TcLifecycle.Expire(order);
                }
                if (order.CreatedAt < now.AddDays(-1))
                {
                    break;
                }
            }
        }
    }
}
