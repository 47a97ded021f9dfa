using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReadApiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_event_id_payed_at",
                table: "qtickets_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_baskets_order_id",
                table: "qtickets_baskets");

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_orders_event_id_payed_at",
                table: "qtickets_orders",
                columns: new[] { "event_id", "payed_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "payed" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_baskets_order_id",
                table: "qtickets_baskets",
                column: "order_id")
                .Annotation("Npgsql:IndexInclude", new[] { "quantity", "price", "refunded_at", "refunded_amount", "deleted_at", "vanished_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_event_id_payed_at",
                table: "qtickets_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_baskets_order_id",
                table: "qtickets_baskets");

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_orders_event_id_payed_at",
                table: "qtickets_orders",
                columns: new[] { "event_id", "payed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_baskets_order_id",
                table: "qtickets_baskets",
                column: "order_id");
        }
    }
}
