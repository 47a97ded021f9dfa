using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Data;

/// <summary>
/// Generates the deterministic initial data set: same seed and same "now", same data. Order ids grow with
/// creation time and leave small gaps, as auto-increment ids do once some inserts roll back.
/// </summary>
public sealed class DataSetGenerator(IOptions<EmulatorOptions> options)
{
    private const int FirstGeneratedOrderId = 1_000;
    private const int FirstGeneratedBasketId = 64_000; // above the seed order's baskets (63993..63995)
    private const int MoscowOffsetSeconds = 3 * 3_600;

    public DataSet Generate(DateTimeOffset now)
    {
        var settings = options.Value;
        var rng = new Random(settings.Seed);
        var nowSec = WireTime.ToSeconds(now);
        var horizonSec = (int)TimeSpan.FromDays(settings.HorizonDays).TotalSeconds;

        var events = GenerateEvents(rng, nowSec, horizonSec);
        var clients = GenerateClients(rng, Math.Max(300, settings.Orders / 4));
        var factory = new OrderFactory(events, clients, FirstGeneratedBasketId);

        var generated = settings.Orders - 1; // the seed order is the remaining one
        var orders = new List<Order>(settings.Orders);
        var nextId = FirstGeneratedOrderId;
        var seedInserted = false;
        for (var i = 0; i < generated; i++)
        {
            if (!seedInserted && nextId >= SeedOrder.OrderId)
            {
                orders.Add(SeedOrder.Create(clients[SeedOrder.ClientId - 1]));
                seedInserted = true;
                nextId = SeedOrder.OrderId + 1;
            }

            var createdAt = nowSec - horizonSec + (int)((long)i * horizonSec / Math.Max(generated, 1));
            var order = factory.Create(rng, nextId, createdAt);
            ApplyHistory(rng, order, events, nowSec);
            orders.Add(order);
            nextId += 1 + rng.Next(3);
        }

        if (!seedInserted)
        {
            orders.Add(SeedOrder.Create(clients[SeedOrder.ClientId - 1]));
            nextId = Math.Max(nextId, SeedOrder.OrderId + 1);
        }

        return new DataSet(orders, factory, nextId);
    }

    /// <summary>Ages a fresh order into one of the states a real account accumulates.</summary>
    private static void ApplyHistory(Random rng, Order order, IReadOnlyList<EventInfo> events, int now)
    {
        var createdAt = order.CreatedAtSec;
        var roll = rng.Next(100);
        if (now - createdAt < 86_400 && roll < 30)
        {
            return; // still reserved, waiting for payment
        }

        if (roll < 15)
        {
            OrderLifecycle.Cancel(order, Math.Min(now, order.ReservedToSec)); // reservation expired
            return;
        }

        var payedAt = Math.Min(now, createdAt + rng.Next(20, 1_200));
        OrderLifecycle.Pay(order, payedAt);

        var ev = events.First(e => e.Id == order.EventIdValue);
        for (var i = 0; i < order.BasketsValue.Length; i++)
        {
            var show = ev.Shows.First(s => s.Id == order.BasketsValue[i].ShowIdValue);
            var scanAt = show.OpenDate + rng.Next(3_600);
            if (scanAt < now && scanAt > payedAt && rng.Next(100) < 70)
            {
                OrderLifecycle.Check(order, i, scanAt);
            }
        }

        var fate = rng.Next(100);
        var laterAt = Math.Min(now, payedAt + rng.Next(3_600, 10 * 86_400));
        var refundable = OrderLifecycle.TopLevelIndexes(order, b => b.IsActive && b.CheckedAtSec == 0);
        if (fate < 2)
        {
            OrderLifecycle.Cancel(order, laterAt);
        }
        else if (fate < 5 && refundable.Count == order.BasketsValue.Length - RelatedTotal(order))
        {
            OrderLifecycle.Refund(order, refundable, rng.Next(2) * 10, laterAt);
        }
        else if (fate < 9 && refundable.Count >= 2)
        {
            OrderLifecycle.Refund(order, [refundable[rng.Next(refundable.Count)]], rng.Next(2) * 10, laterAt);
        }
    }

    private static int RelatedTotal(Order order)
    {
        var total = 0;
        foreach (var basket in order.BasketsValue)
        {
            total += basket.RelatedCount;
        }

        return total;
    }

    /// <summary>Event ids start at 33 and show ids at 41 so that the seed order's event and show exist.</summary>
    private static List<EventInfo> GenerateEvents(Random rng, int now, int horizon)
    {
        var events = new List<EventInfo>();
        var showId = SeedOrder.ShowId;
        for (var i = 0; i < Catalog.Venues.Length; i++)
        {
            var venue = Catalog.Venues[i];
            var eventId = SeedOrder.EventId + i;
            var shows = new List<ShowInfo>();
            var showCount = rng.Next(2, 7);
            for (var s = 0; s < showCount; s++)
            {
                // At 19:00 Moscow time on a day between the start of the horizon and two months ahead.
                var day = (now - horizon + rng.Next(horizon + 60 * 86_400) + MoscowOffsetSeconds) / 86_400;
                var start = day * 86_400 + 19 * 3_600 - MoscowOffsetSeconds;
                var saleStart = rng.Next(2) == 0 ? 0 : start - 90 * 86_400;
                shows.Add(new ShowInfo(showId++, eventId, start, start + 3 * 3_600, start - 3_600, saleStart, start, rng.Next(10) > 0));
            }

            var prices = Catalog.PricesKopecks.OrderBy(_ => rng.Next()).Take(3).Order().ToArray();
            var externalId = rng.Next(2) == 0 ? null : $"EXT-{eventId}";
            events.Add(new EventInfo(
                eventId, venue.EventName, venue.PlaceName, venue.PlaceAddress, venue.CityId, externalId,
                now - horizon - 100 * 86_400, prices, shows));
        }

        return events;
    }

    /// <summary>Client ids are 1..count (index + 1); client 235 is the seed order's buyer.</summary>
    private static List<Client> GenerateClients(Random rng, int count)
    {
        var clients = new List<Client>(count);
        for (var id = 1; id <= count; id++)
        {
            clients.Add(id == SeedOrder.ClientId ? SeedOrder.CreateClient() : GenerateClient(rng, id));
        }

        return clients;
    }

    private static Client GenerateClient(Random rng, int id)
    {
        var (surname, surnameLatin) = Catalog.Surnames[rng.Next(Catalog.Surnames.Length)];
        var father = Catalog.MaleNames[rng.Next(Catalog.MaleNames.Length)];
        var withMiddlename = rng.Next(100) < 60;
        string name, latin;
        string? middlename;
        if (rng.Next(2) == 0)
        {
            var person = Catalog.MaleNames[rng.Next(Catalog.MaleNames.Length)];
            (name, latin, middlename) = (person.Name, person.NameLatin, withMiddlename ? father.Patronymic : null);
        }
        else
        {
            (name, latin) = Catalog.FemaleNames[rng.Next(Catalog.FemaleNames.Length)];
            (surname, surnameLatin) = (surname + "а", surnameLatin + "a");
            middlename = withMiddlename ? father.PatronymicFemale : null;
        }

        var email = $"{latin}.{surnameLatin}{id}@{Catalog.EmailDomains[rng.Next(Catalog.EmailDomains.Length)]}";
        var phone = rng.Next(100) < 90 ? $"+79{rng.Next(1_000_000_000):D9}" : null;
        return new Client(id, 1_000 + id * 2, email, name, surname, middlename, phone);
    }
}
