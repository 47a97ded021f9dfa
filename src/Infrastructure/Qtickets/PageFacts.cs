namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>What paging needs to know about one fetched page of a listing.</summary>
/// <param name="Page">The page number asked for.</param>
/// <param name="Rows">Rows on the page as served, before any filtering.</param>
/// <param name="FirstId">Id of the first row, to recognise a page served twice.</param>
/// <param name="LastId">Id of the last row.</param>
/// <param name="ReportedPage"><c>paging.currentPage</c>, when QTickets sent it.</param>
/// <param name="PerPage"><c>paging.perPage</c> when sent, else the size asked for.</param>
/// <param name="Total"><c>paging.total</c>, when sent.</param>
internal sealed record PageFacts(int Page, int Rows, long? FirstId, long? LastId, int? ReportedPage, int PerPage, int? Total);
