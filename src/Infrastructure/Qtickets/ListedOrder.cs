using System.Text.Json;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// One order row as the client read it: the order, or what could be kept of a row that cannot be read. Each row
/// is read on its own so one bad row never fails the page it came in.
/// </summary>
internal readonly record struct ListedOrder(Order? Order, UnreadableRow? Unreadable)
{
    public long? Id => Order?.Id ?? Unreadable?.Id;

    public static ListedOrder Read(JsonElement row)
    {
        try
        {
            return new ListedOrder(OrderPayloadParser.Map(row), null);
        }
        // Reading is pure work on parsed JSON: whatever it throws (a wrong type, a number no type holds, a lone
        // surrogate that System.Text.Json refuses to decode) is about this row's data alone.
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ListedOrder(null, UnreadableRow.Of(
                row.GetRawText(), IdOf(row), exception is OrderPayloadException payload ? payload.Reason : exception.Message));
        }
    }

    private static long? IdOf(JsonElement row)
    {
        try
        {
            return row.ValueKind == JsonValueKind.Object ? JsonValues.Int64(row, "id") : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <exception cref="UnreadableOrderException">The row cannot be read.</exception>
    public static Order ReadOne(JsonElement row)
    {
        var read = Read(row);
        return read.Order ?? throw new UnreadableOrderException(read.Unreadable!);
    }
}
