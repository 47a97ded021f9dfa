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

        // Never trust the size asked for: with paging, the server's own perPage and total say where the end is;
        // without it, only an empty page does (a short page may just be the server's smaller size).
        var currentPage = page.ReportedPage ?? page.Page;
        return page.Total is { } total && page.ReportedPerPage is { } perPage && (long)currentPage * perPage >= total;
    }
}
