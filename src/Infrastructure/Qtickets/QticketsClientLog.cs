using Microsoft.Extensions.Logging;

namespace Qtickets.Sync.Infrastructure.Qtickets;

internal static partial class QticketsClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "QTickets ignored the order filter (paid only: {PaidOnly}, updated since: {UpdatedSince}, created since: {CreatedSince}): {OffFilter} of {Rows} orders on page {Page} do not match; kept")]
    public static partial void FilterIgnored(
        ILogger logger, bool paidOnly, DateTimeOffset? updatedSince, DateTimeOffset? createdSince,
        int offFilter, int rows, int page);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "QTickets served page {Page} of {Resource} with the same rows as the page before (ids {FirstId}..{LastId}); paging stopped")]
    public static partial void PageRepeated(ILogger logger, int page, string resource, long? firstId, long? lastId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Fetched page {Page} of {Resource}: {Rows} rows, {PerPage} per page, total {Total}")]
    public static partial void PageFetched(ILogger logger, int page, string resource, int rows, int perPage, int? total);
}
