using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class AlertStateConfiguration : IEntityTypeConfiguration<AlertState>
{
    public void Configure(EntityTypeBuilder<AlertState> builder)
    {
        builder.ToTable("alert_states");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(200);
        builder.Property(a => a.Account).HasMaxLength(100);
        builder.Property(a => a.Rule).HasMaxLength(64);
        builder.Property(a => a.LastMessage).HasMaxLength(16);
    }
}
