using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Catalog;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("qtickets_events");
        builder.HasKey(e => new { e.AccountId, e.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Raw).HasColumnType("jsonb");
        // Orders arrive before the catalog sync has seen their event, so no foreign key from orders.
        builder.HasMany(e => e.Shows).WithOne().HasForeignKey(s => new { s.AccountId, s.EventId });
    }
}
