using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Catalog;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("qtickets_clients");
        builder.HasKey(c => new { c.AccountId, c.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Raw).HasColumnType("jsonb");
        builder.HasIndex(c => c.Email);
    }
}
