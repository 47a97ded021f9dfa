namespace Ticketscloud.Emulator.Data;

/// <summary>
/// Builds a deterministic, realistic data set per organizer: events in several time zones (one without a zone,
/// as the reference notes allow), sets with kopeck prices, orders in every status, promo codes, customers and
/// refund requests in every status.
/// </summary>
/// <remarks>
/// Restarting the emulator must not invent the same history under new ids (a kept mirror would hold both). So
/// nothing that carries an id depends on the start-up time: organizer, event, set and promo ids are made at fixed
/// instants, and orders sit on a grid of creation times counted from the Unix epoch, each drawn from a random
/// source seeded by its grid slot. Two starts with the same settings serve the same orders, ids and contents, for
/// the slots both windows cover; a later start only adds the slots that have come into its window.
/// </remarks>
public static class TcDataGenerator
{
    /// <summary>The instant the organizer-level ids are stamped with, whenever the emulator starts.</summary>
    private static readonly DateTimeOffset IdAnchor = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Order numbers of organizer k start at (k + 1) × this; live orders are numbered far above.</summary>
    private const long NumbersPerOrganizer = 10_000_000_000L;
    private static readonly (string Title, string? Zone)[] EventTemplates =
    [
        ("KoЯn", "Europe/Moscow"),
        ("Щелкунчик", "Europe/Moscow"),
        ("Джазовый вечер", "Asia/Yekaterinburg"),
        ("Стендап на крыше", "Asia/Krasnoyarsk"),
        ("Органный концерт", "Europe/Kaliningrad"),
        ("Лекция о космосе", null),
    ];

    private static readonly string[] SetNames = ["Партер", "Балкон", "Танцпол", "VIP"];
    private static readonly decimal[] Prices = [150.00m, 990.50m, 1500.00m, 2750.75m, 4200.00m];

    public static TcOrganizer Generate(TcOrganizerOptions options, int index, int seed, DateTimeOffset now, double horizonDays)
    {
        var random = new Random(seed * 31 + index);
        var start = now.AddDays(-horizonDays);
        var orgId = HexId.Next(random, IdAnchor.AddDays(-400));
        var events = new List<TcEvent>();
        for (var e = 0; e < Math.Max(1, options.Events); e++)
        {
            var template = EventTemplates[e % EventTemplates.Length];
            var sets = Enumerable.Range(0, 2 + e % 2)
                .Select(s => new TcSet(HexId.Next(random, IdAnchor.AddDays(-60)), SetNames[s], Prices[(e + s) % Prices.Length], s == 0))
                .ToList();
            var at = Trim(now.AddDays(10 + e * 7).Date.AddHours(19));
            events.Add(new TcEvent(HexId.Next(random, IdAnchor.AddDays(-90)), orgId, template.Title, "Описание: " + template.Title,
                template.Zone, "public", at, at.AddHours(2), sets));
        }
        var promo = new TcPromoCode(HexId.Next(random, IdAnchor.AddDays(-30)), "promo100", 100.00m);
        var organizer = new TcOrganizer
        {
            Id = orgId,
            Name = options.Name,
            Token = options.Token,
            VendorId = HexId.Next(random, IdAnchor.AddDays(-500)),
            VendorName = "Qtickets.Sync",
            Events = events,
            PromoCodes = [promo],
        };

        var spacing = Math.Max(1, (long)(horizonDays * 86_400 / Math.Max(1, options.Orders)));
        var firstSlot = (start.ToUnixTimeSeconds() + spacing - 1) / spacing;
        for (var i = 0; i < options.Orders; i++)
        {
            var slot = firstSlot + i;
            var createdAt = DateTimeOffset.FromUnixTimeSeconds(slot * spacing);
            var dice = new Random(unchecked((int)(slot * 1_000_003) ^ (seed * 31 + index)));
            var order = NewOrder(organizer, dice, createdAt, NumbersPerOrganizer * (index + 1) + slot);
            var age = now - createdAt;
            var roll = dice.NextDouble();
            if (age < TimeSpan.FromMinutes(10))
            {
                // Young orders are still being paid for.
                order.Status = roll < 0.5 ? "executed" : "in_progress";
            }
            else if (roll < 0.80)
            {
                TcLifecycle.Complete(order, Trim(createdAt.AddSeconds(30 + dice.Next(500))));
            }
            else if (roll < 0.92)
            {
                TcLifecycle.Expire(order);
            }
            else
            {
                TcLifecycle.Complete(order, Trim(createdAt.AddSeconds(30 + dice.Next(500))));
                TcLifecycle.Cancel(order);
            }
            organizer.Add(order);
            if (order.Status == "done" && dice.NextDouble() < 0.06)
            {
                var requested = Trim(order.DoneAt!.Value.AddHours(1 + dice.Next(48)));
                if (requested < now)
                {
                    var request = TcLifecycle.RequestRefund(organizer, order, [order.Tickets[0].Id], requested, dice);
                    var resolution = dice.NextDouble();
                    var resolvedAt = Trim(requested.AddHours(2 + dice.Next(24)));
                    if (resolvedAt < now)
                    {
                        TcLifecycle.Resolve(order, request, resolution < 0.7 ? "approved" : resolution < 0.85 ? "rejected" : "in_progress", resolvedAt);
                    }
                }
            }
        }
        return organizer;
    }

    /// <summary>A new, unpaid order of one to three tickets on a random event; sometimes with a promo code.</summary>
    public static TcOrder NewOrder(TcOrganizer organizer, Random random, DateTimeOffset createdAt, long number)
    {
        var ev = organizer.Events[random.Next(organizer.Events.Count)];
        var set = ev.Sets[random.Next(ev.Sets.Count)];
        var promo = random.NextDouble() < 0.1 ? organizer.PromoCodes[0] : null;
        var tickets = new List<TcTicket>();
        var count = 1 + random.Next(3);
        for (var t = 0; t < count; t++)
        {
            var discount = promo is null ? 0m : Math.Min(promo.Fix, set.Price);
            var nominal = set.Price - discount;
            tickets.Add(new TcTicket
            {
                Id = HexId.Next(random, createdAt),
                Number = number * 10 + t,
                Serial = new string([(char)('A' + random.Next(26)), (char)('A' + random.Next(26)), (char)('A' + random.Next(26))]),
                Set = set.Id,
                Status = "reserved",
                Price = set.Price,
                Discount = discount,
                // A service fee in kopecks that do not come out round.
                Extra = Math.Round(nominal * 0.0513m, 2, MidpointRounding.ToEven),
            });
        }
        var customer = random.NextDouble() < 0.8;
        return new TcOrder
        {
            Id = HexId.Next(random, createdAt),
            Number = number,
            Code = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))[..8],
            Event = ev.Id,
            Org = organizer.Id,
            Vendor = organizer.VendorId,
            CreatedAt = createdAt,
            ExpiredAfter = createdAt.AddMinutes(15),
            Status = "executed",
            Tickets = tickets,
            PromoCodes = promo is null ? [] : [promo.Id],
            CustomerName = customer ? $"Покупатель {number}" : null,
            CustomerEmail = customer ? $"buyer{number}@example.ru" : null,
            CustomerPhone = customer ? $"+7999{number % 10_000_000:0000000}" : null,
            CustomerLang = customer ? "ru" : null,
            SendTickets = customer,
        };
    }

    /// <summary>Wire times have whole seconds; the store keeps them so, so what it serves reads back exactly.</summary>
    public static DateTimeOffset Trim(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
