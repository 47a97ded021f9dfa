using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Catalog;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class ShowConfiguration : IEntityTypeConfiguration<Show>
{
    public void Configure(EntityTypeBuilder<Show> builder)
    {
        builder.ToTable("qtickets_shows");
        builder.HasKey(s => new { s.AccountId, s.Id });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Raw).HasColumnType("jsonb");
        builder.HasIndex(s => new { s.AccountId, s.EventId, s.StartDate });
    }
}
