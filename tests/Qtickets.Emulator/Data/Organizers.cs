using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Data;

/// <summary>
/// The organizers (QTickets accounts) the emulator serves, one store each: the first is the registered
/// <see cref="EmulatorStore"/> (activity, faults, webhooks act on it); the others are generated at start with
/// seeds of their own and <c>Emulator:OrdersPerOrganizer</c> orders, reached with the token <c>{Token}-{k}</c>.
/// </summary>
public sealed class Organizers
{
    private readonly OrganizerStore[] organizers;

    public Organizers(EmulatorStore first, TimeProvider time, IOptions<EmulatorOptions> options, ILogger<EmulatorStore> logger)
    {
        var settings = options.Value;
        organizers = new OrganizerStore[settings.Organizers];
        organizers[0] = new OrganizerStore(0, settings.Token, first);
        for (var k = 1; k < settings.Organizers; k++)
        {
            var own = Options.Create(new EmulatorOptions
            {
                Seed = settings.Seed + k,
                Orders = settings.OrdersPerOrganizer,
                HorizonDays = settings.HorizonDays,
                Token = TokenOf(settings.Token, k),
                PaidListingExcludesCancelled = settings.PaidListingExcludesCancelled,
            });
            organizers[k] = new OrganizerStore(k, own.Value.Token, new EmulatorStore(new DataSetGenerator(own), time, own, logger));
        }
    }

    public static string TokenOf(string firstToken, int organizer) => organizer == 0 ? firstToken : $"{firstToken}-{organizer}";

    public int Count => organizers.Length;

    public OrganizerStore First => organizers[0];

    /// <summary>Organizer <paramref name="index"/>'s store (0 is the first).</summary>
    public EmulatorStore Store(int index) => organizers[Math.Clamp(index, 0, organizers.Length - 1)].Store;

    /// <summary>The organizer whose token the request presents (<c>Authorization: Bearer …</c>); null when none.</summary>
    public OrganizerStore? ForRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return ByToken(header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "");
    }

    /// <summary>The organizer a bearer token belongs to; null for a token nobody has (compared in constant time).</summary>
    public OrganizerStore? ByToken(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        OrganizerStore? found = null;
        foreach (var organizer in organizers)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, organizer.TokenBytes))
            {
                found = organizer;
            }
        }
        return found;
    }
}

/// <summary>
/// The organizer a request authenticated as. Bound before endpoint filters run, so a request with an unknown token
/// binds the first organizer; <see cref="Api.BearerAuthFilter"/> then answers it 401 before the handler sees it.
/// </summary>
public sealed class OrganizerStore(int index, string token, EmulatorStore store)
{
    public int Index { get; } = index;
    public EmulatorStore Store { get; } = store;
    public bool IsFirst => Index == 0;
    internal byte[] TokenBytes { get; } = Encoding.UTF8.GetBytes(token);

    public static ValueTask<OrganizerStore?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var organizers = context.RequestServices.GetRequiredService<Organizers>();
        return ValueTask.FromResult<OrganizerStore?>(organizers.ForRequest(context) ?? organizers.First);
    }
}
