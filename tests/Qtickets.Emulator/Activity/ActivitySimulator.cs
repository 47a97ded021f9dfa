using System.Text.Json;
using Microsoft.Extensions.Options;
using Qtickets.Emulator.Api;
using Qtickets.Emulator.Data;
using Qtickets.Emulator.Faults;
using Qtickets.Emulator.Webhooks;

namespace Qtickets.Emulator.Activity;

/// <summary>
/// Applies random, seeded changes of the kinds a live account sees (new orders, payments, cancellations, full
/// and partial refunds, scans, reservation extensions), each bumping updated_at and emitting its webhook.
/// All changes are serialised by one lock so a seed always replays the same sequence.
/// </summary>
public sealed class ActivitySimulator(
    EmulatorStore store, WebhookQueue webhooks, EmulatorStats stats, IOptions<EmulatorOptions> options)
{
    private enum Kind
    {
        Create,
        Pay,
        Cancel,
        RefundFull,
        RefundPartial,
        Check,
        ExtendReserve,
    }

    // Relative frequencies of the kinds above, in declaration order.
    private static readonly int[] KindWeights = [30, 25, 8, 5, 7, 20, 5];

    private readonly Lock _gate = new();
    private readonly Random _rng = new(options.Value.Seed + 1);

    public IReadOnlyList<ActivityChange> Step(int count)
    {
        var changes = new List<ActivityChange>(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                changes.Add(ApplyOne());
            }
        }

        Interlocked.Add(ref stats.Changes, changes.Count);
        return changes;
    }

    /// <summary>
    /// The "shifting pages" fault: inserts an order that sorts before <paramref name="firstOnPage"/> in the
    /// listing described by <paramref name="query"/>, so every later page moves by one. For id order it takes a
    /// free id below; for updated_at order it gets an updated_at in the past (which real QTickets never does).
    /// </summary>
    public ActivityChange? InsertShiftingOrder(OrderQuery query, Order firstOnPage)
    {
        lock (_gate)
        {
            var created = store.AddOutOfOrder(s =>
            {
                int id, time;
                if (query.EffectiveSort == OrderSort.Id)
                {
                    if (s.FreeIdBelow(firstOnPage.IdValue) is not { } freeId)
                    {
                        return null;
                    }

                    (id, time) = (freeId, s.ChangeTime());
                }
                else
                {
                    (id, time) = (s.TakeNextOrderId(), Math.Max(query.UpdatedFrom, firstOnPage.UpdatedAtSec - 1));
                }

                var order = store.Factory.Create(_rng, id, time);
                if (query.Payed == true)
                {
                    OrderLifecycle.Pay(order, time); // or a payed=1 listing would not show it
                }

                return order;
            });
            if (created is null)
            {
                return null;
            }

            Interlocked.Increment(ref stats.Changes);
            Interlocked.Increment(ref stats.ShiftedPages);
            var eventType = created.PayedValue ? "payed" : "created";
            webhooks.Publish(eventType, created);
            return new ActivityChange(created.IdValue, eventType);
        }
    }

    private ActivityChange ApplyOne()
    {
        var kind = (Kind)PickWeighted(KindWeights);
        return kind switch
        {
            Kind.Pay => Modify(o => !o.PayedValue && o.DeletedAtSec == 0, "payed", OrderLifecycle.Pay),
            Kind.Cancel => Modify(o => o.DeletedAtSec == 0, "deleted", OrderLifecycle.Cancel),
            Kind.RefundFull => Refund(partial: false),
            Kind.RefundPartial => Refund(partial: true),
            Kind.Check => Check(),
            Kind.ExtendReserve => Modify(o => !o.PayedValue && o.DeletedAtSec == 0, "updated", OrderLifecycle.ExtendReserve),
            _ => null,
        } ?? Create();
    }

    private ActivityChange Create()
    {
        var order = store.Add((id, time) => store.Factory.Create(_rng, id, time));
        webhooks.Publish("created", order);
        return new ActivityChange(order.IdValue, "created");
    }

    private ActivityChange? Modify(
        Func<Order, bool> eligible, string eventType, Action<Order, int> change, Func<Order, Action<Utf8JsonWriter>>? extras = null)
    {
        if (store.PickRandom(_rng, eligible) is not { } live)
        {
            return null;
        }

        var snapshot = store.Change(live, change);
        webhooks.Publish(eventType, snapshot, extras?.Invoke(snapshot));
        return new ActivityChange(snapshot.IdValue, eventType);
    }

    private ActivityChange? Refund(bool partial)
    {
        static List<int> Refundable(Order o) => OrderLifecycle.TopLevelIndexes(o, b => b.IsActive && b.CheckedAtSec == 0);

        List<int> chosen = [];
        var deductionPercent = _rng.Next(2) * 10;
        return Modify(
            o => o.PayedValue && o.DeletedAtSec == 0 && Refundable(o).Count >= (partial ? 2 : 1),
            "refunded",
            (o, time) =>
            {
                var refundable = Refundable(o);
                chosen = partial ? [refundable[_rng.Next(refundable.Count)]] : refundable;
                OrderLifecycle.Refund(o, chosen, deductionPercent, time);
            },
            snapshot => writer =>
            {
                writer.WriteStartArray("refunded_baskets");
                foreach (var first in chosen)
                {
                    for (var i = first; i <= first + snapshot.BasketsValue[first].RelatedCount; i++)
                    {
                        OrderJsonWriter.WriteBasket(writer, snapshot, i);
                    }
                }

                writer.WriteEndArray();
            });
    }

    private ActivityChange? Check()
    {
        var index = 0;
        return Modify(
            o => o.PayedValue && o.DeletedAtSec == 0 && Array.Exists(o.BasketsValue, b => b.IsActive && b.CheckedAtSec == 0),
            "checked",
            (o, time) =>
            {
                index = Array.FindIndex(o.BasketsValue, b => b.IsActive && b.CheckedAtSec == 0);
                OrderLifecycle.Check(o, index, time);
            },
            snapshot => writer =>
            {
                writer.WritePropertyName("checked_basket");
                OrderJsonWriter.WriteBasket(writer, snapshot, index);
            });
    }

    private int PickWeighted(int[] weights)
    {
        var roll = _rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
