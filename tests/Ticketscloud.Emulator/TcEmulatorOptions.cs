using Ticketscloud.Emulator.Faults;

namespace Ticketscloud.Emulator;

/// <summary>Configuration section <c>Ticketscloud</c> (environment form <c>Ticketscloud__Organizers__0__Token=…</c>).</summary>
public sealed class TcEmulatorOptions
{
    public const string SectionName = "Ticketscloud";

    /// <summary>Seed of every random choice: data set, activity and faults.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>Orders are created over this many days before start-up.</summary>
    public double HorizonDays { get; set; } = 30;

    /// <summary>
    /// One organizer per entry, each with its own API key (<c>Authorization: key TOKEN</c>) and data. Two by
    /// default so a test can show one organizer's key never reads the other's orders.
    /// </summary>
    public List<TcOrganizerOptions> Organizers { get; set; } = [];

    /// <summary>Random lifecycle changes per second applied by the background simulator; 0 turns it off.</summary>
    public double ActivityPerSecond { get; set; }

    public TcFaultSettings Faults { get; set; } = new();

    /// <summary>The configured organizers, or the two defaults when none are configured.</summary>
    public IReadOnlyList<TcOrganizerOptions> EffectiveOrganizers => Organizers.Count > 0
        ? Organizers
        :
        [
            new TcOrganizerOptions { Token = "tc-token-1", Name = "Концертное агентство", Orders = 1_000 },
            new TcOrganizerOptions { Token = "tc-token-2", Name = "Театр на набережной", Orders = 200 },
        ];
}

/// <summary>One organizer of the emulator.</summary>
public sealed class TcOrganizerOptions
{
    public string Token { get; set; } = "";

    public string Name { get; set; } = "Organizer";

    public int Orders { get; set; } = 1_000;

    public int Events { get; set; } = 6;
}
