namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>What paging needs to know about one fetched page of a listing.</summary>
/// <param name="Page">The page number asked for.</param>
/// <param name="Rows">Rows on the page as served, before any filtering.</param>
/// <param name="FirstId">Id of the first row, to recognise a page served twice.</param>
/// <param name="LastId">Id of the last row.</param>
/// <param name="ReportedPage"><c>paging.currentPage</c>, when QTickets sent it.</param>
/// <param name="ReportedPerPage"><c>paging.perPage</c>, when sent.</param>
/// <param name="Total"><c>paging.total</c>, when sent.</param>
internal sealed record PageFacts(int Page, int Rows, long? FirstId, long? LastId, int? ReportedPage, int? ReportedPerPage, int? Total)
{
    /// <summary>Page size in effect: the server's when it said, else the size asked for.</summary>
    public int PerPage { get; init; }
}
