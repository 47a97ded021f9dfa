using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DailySalesTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "sales_rows_differing",
                table: "sync_runs",
                type: "integer",
                nullable: true);

            // Issue 10: the computed view gives way to a maintained table of the same name; the computation stays
            // as the reference daily_sales_recomputed. Hand-written SQL lives in SalesSqlBeforeAccounts.
            migrationBuilder.Sql("DROP VIEW daily_sales; DROP FUNCTION qtickets_daily_sales(text, bigint, date, date);");
            migrationBuilder.Sql(SalesSqlBeforeAccounts.CreateRecomputeFunction);
            migrationBuilder.Sql(SalesSqlBeforeAccounts.CreateTable);
            migrationBuilder.Sql(SalesSqlBeforeAccounts.CreateTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Leaves no daily sales view behind: going back past this migration means re-applying Initial's.
            migrationBuilder.Sql(SalesSqlBeforeAccounts.Drop);
            migrationBuilder.DropColumn(
                name: "sales_rows_differing",
                table: "sync_runs");
        }
    }
}
