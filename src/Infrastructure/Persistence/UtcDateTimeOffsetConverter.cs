using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// QTickets times carry a +03:00 offset; <c>timestamptz</c> stores the instant and Npgsql accepts only UTC
/// values, so the instant is written as UTC. The original text, offset included, stays in the raw jsonb.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value);
