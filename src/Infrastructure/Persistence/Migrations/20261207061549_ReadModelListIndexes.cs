using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReadModelListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ticketscloud_orders_account_id_created_at",
                table: "ticketscloud_orders");

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_created_at_id",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_created_at_account_id_id",
                table: "ticketscloud_orders",
                columns: new[] { "created_at", "account_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_event_id_created_at_account_id_id",
                table: "ticketscloud_orders",
                columns: new[] { "event_id", "created_at", "account_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_orders_account_id_created_at_id",
                table: "qtickets_orders",
                columns: new[] { "account_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_orders_created_at_account_id_id",
                table: "qtickets_orders",
                columns: new[] { "created_at", "account_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ticketscloud_orders_account_id_created_at_id",
                table: "ticketscloud_orders");

            migrationBuilder.DropIndex(
                name: "ix_ticketscloud_orders_created_at_account_id_id",
                table: "ticketscloud_orders");

            migrationBuilder.DropIndex(
                name: "ix_ticketscloud_orders_event_id_created_at_account_id_id",
                table: "ticketscloud_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_account_id_created_at_id",
                table: "qtickets_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_created_at_account_id_id",
                table: "qtickets_orders");

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_created_at",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "created_at" });
        }
    }
}
