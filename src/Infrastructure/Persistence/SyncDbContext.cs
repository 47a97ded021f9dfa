using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.PersonalData;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Persistence;

public sealed class SyncDbContext(DbContextOptions<SyncDbContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Basket> Baskets => Set<Basket>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Show> Shows => Set<Show>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncState> SyncStates => Set<SyncState>();
    public DbSet<DailySalesRow> DailySales => Set<DailySalesRow>();
    public DbSet<RequestSlot> RequestSlots => Set<RequestSlot>();
    public DbSet<AlertState> AlertStates => Set<AlertState>();
    public DbSet<OrderCommand> OrderCommands => Set<OrderCommand>();
    public DbSet<Domain.Audit.AuditFinding> AuditFindings => Set<Domain.Audit.AuditFinding>();
    public DbSet<Domain.Audit.AuditResult> AuditResults => Set<Domain.Audit.AuditResult>();
    public DbSet<OrderChange> OrderChanges => Set<OrderChange>();
    public DbSet<OrderChangeState> OrderChangeStates => Set<OrderChangeState>();
    public DbSet<PersonalDataErasure> PersonalDataErasures => Set<PersonalDataErasure>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SyncDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
