using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DailySalesKeyPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Same rules, a shape the planner can turn into index probes per (event, day) key; see SalesSql.
            migrationBuilder.Sql(SalesSql.ReplaceRecomputeFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the replaced function returns the same rows as the one it replaced, only faster.
        }
    }
}
