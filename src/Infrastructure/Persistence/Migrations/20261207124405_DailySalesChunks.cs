using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DailySalesChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DailySalesProgressSql.Add);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DailySalesProgressSql.Drop);
        }
    }
}
