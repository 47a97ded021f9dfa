using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>A single order QTickets answered cannot be read; <see cref="Row"/> carries what could be kept of it.</summary>
public sealed class UnreadableOrderException(UnreadableRow row)
    : Exception($"QTickets payload rejected: {row?.Reason}")
{
    public UnreadableRow Row { get; } = row ?? throw new ArgumentNullException(nameof(row));
}
