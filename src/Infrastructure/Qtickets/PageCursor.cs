namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Decides when a paged listing is finished, and refuses to go on when QTickets serves the same page twice
/// (an API that ignores the page parameter would otherwise be polled forever).
/// </summary>
internal sealed class PageCursor
{
    private long? _previousFirstId;
    private long? _previousLastId;

    /// <summary>Records a fetched page; true when it is the last one.</summary>
    /// <exception cref="QticketsPagingException">The page has the same first and last ids as the one before.</exception>
    public bool Advance(string resource, PageFacts page)
    {
        if (page.Rows == 0)
        {
            return true;
        }
        if (page.FirstId == _previousFirstId && page.LastId == _previousLastId)
        {
            throw new QticketsPagingException(
                $"QTickets served page {page.Page} of {resource} with the same rows as the page before "
                + $"(ids {page.FirstId}..{page.LastId}); stopping instead of looping.");
        }
        _previousFirstId = page.FirstId;
        _previousLastId = page.LastId;

        var currentPage = page.ReportedPage ?? page.Page;
        return page.Rows < page.PerPage || (page.Total is { } total && (long)currentPage * page.PerPage >= total);
    }
}
