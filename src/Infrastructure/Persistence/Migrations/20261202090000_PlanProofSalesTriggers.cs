using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The daily sales trigger functions look stored orders and baskets up by key, one written row at a time,
    /// instead of joining them (docs/decisions/0013). Only the function bodies change; the triggers stay.
    /// </summary>
    public partial class PlanProofSalesTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SalesSql.TriggerFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SalesSqlAtAccounts.TriggerFunctions);
        }
    }
}
