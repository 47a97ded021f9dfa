using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Gives every column, key and index a snake_case name so the tables read like the QTickets API and like
/// hand-written SQL (the upserts and the daily sales function are written against these names).
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Convert(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(Convert(key.GetName() ?? ""));
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Convert(foreignKey.GetConstraintName() ?? ""));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName() ?? ""));
            }
        }
    }

    public static string Convert(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
