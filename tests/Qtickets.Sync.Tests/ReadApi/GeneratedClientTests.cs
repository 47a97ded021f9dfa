using Qtickets.Sync.ApiClient;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>
/// A consumer's view: the NSwag client generated from the checked-in docs/openapi.v1.json (project
/// Qtickets.Sync.ApiClient) against the running service on its own database.
/// </summary>
public class GeneratedClientTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 4, 1, 10, 0, 0, TimeSpan.Zero);

    // Sixteen significant digits: a client that read money as double would come back with a different number.
    private const decimal Expensive = 98_765_432_109_876.54m;
    private const decimal Cheap = 0.07m;

    [Fact]
    public async Task The_generated_client_reads_an_order_and_its_page_exact_to_the_kopeck()
    {
        var expensive = Ticket(Expensive, showId: 511);
        var order = Order(51, T0, baskets: [expensive, Ticket(Cheap, showId: 511, quantity: 3)]);
        await SaveAsync(factory, order);
        using var http = factory.CreateClient(SyncApiFactory.ReadKey);
        var client = new SyncApiClient(http);
        var id = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var single = await client.GetOrderAsync(id);
        // An instant with an offset, as a Moscow client would pass it: the order was created at 13:00 +03:00.
        var page = await client.ListOrdersAsync(
            event_id: "51", created_from: T0.ToOffset(TimeSpan.FromHours(3)), created_to: T0.AddSeconds(1), include: Include.Raw);
        var ticket = await client.GetTicketAsync(expensive.Barcode!);

        Assert.Equal(98_765_432_109_876.75m, single.Total);
        Assert.Equal((4, "511"), (single.Tickets, single.ShowId));
        Assert.Equal(Expensive, ticket.Price);
        Assert.Equal(id, ticket.Order!.Id);
        var listed = Assert.Single(page.Items!);
        Assert.Equal((id, MirrorOrderDtoPlatform.Qtickets), (listed.Id, listed.Platform));
        Assert.Equal(single.Total, listed.Total);
        Assert.NotNull(listed.PlatformFields);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task The_generated_client_starts_a_reconcile_and_reads_the_run_back_in_its_enums()
    {
        using var http = factory.CreateClient(SyncApiFactory.AdminKey);
        var client = new SyncApiClient(http);

        var queued = await client.StartReconcileAsync(new ReconcileRequest { Kind = ReconcileRequestKind.Full_sweep });
        var run = await client.GetSyncRunAsync(queued.RunId);
        var listed = await client.ListSyncRunsAsync(kind: Kind.Full_sweep, status: Status.Queued);

        Assert.Equal((SyncRunKind.Full_sweep, SyncRunTrigger.Api, SyncRunStatus.Queued), (run.Kind, run.Trigger, run.Status));
        Assert.Contains(queued.RunId, listed.Select(r => r.Id));
    }

    [Fact]
    public async Task The_generated_client_sees_a_missing_order_as_a_404_problem()
    {
        using var http = factory.CreateClient(SyncApiFactory.ReadKey);
        var client = new SyncApiClient(http);

        var error = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetOrderAsync(NewId().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Order not found", error.Result.Title);
    }
}
