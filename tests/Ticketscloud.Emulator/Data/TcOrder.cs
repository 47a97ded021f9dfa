using System.Text.Json.Nodes;

namespace Ticketscloud.Emulator.Data;

/// <summary>
/// An order as the emulator holds it. Times are instants; the wire shows them without offset in the event's
/// zone. Mutable: the store changes it under its lock only (<see cref="TcStore.Update"/>).
/// </summary>
public sealed class TcOrder
{
    public required string Id { get; init; }
    public required long Number { get; init; }
    public required string Code { get; init; }
    public required string Event { get; init; }
    public required string Org { get; init; }
    public required string Vendor { get; init; }
    public string Origin { get; init; } = "api";
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiredAfter { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public required string Status { get; set; }
    public required List<TcTicket> Tickets { get; init; }
    public List<string> PromoCodes { get; init; } = [];
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerLang { get; set; }
    public bool SendTickets { get; set; }
    public bool Invitation { get; set; }
    public bool SubscribeAgree { get; set; }

    /// <summary>The <c>vendor_data</c> object as last written (<c>{}</c> until someone writes it).</summary>
    public JsonObject VendorData { get; set; } = [];

    public decimal Sum(Func<TcTicket, decimal> value) => Tickets.Sum(value);
}
