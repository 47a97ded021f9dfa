using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        // By default, not always: the migration gives the pre-accounts data's account the id 1 explicitly.
        builder.Property(a => a.Id).UseIdentityByDefaultColumn();
        builder.Property(a => a.Name).HasMaxLength(64);
        builder.Property(a => a.Platform).HasMaxLength(32);
        builder.HasIndex(a => a.Name).IsUnique();
    }
}
