using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The cross-platform views of schema <c>mirror</c> for data teams (issue 26, docs/schema.md); the SQL is
    /// <see cref="MirrorSql"/>'s.
    /// </summary>
    public partial class MirrorViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MirrorSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MirrorSql.Drop);
        }
    }
}
