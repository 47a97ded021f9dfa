using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BasketFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "refunds",
                table: "qtickets_orders",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "multiprice_code",
                table: "qtickets_baskets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "refunds",
                table: "qtickets_baskets",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seat_name",
                table: "qtickets_baskets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "series",
                table: "qtickets_baskets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "service_fee_amount",
                table: "qtickets_baskets",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ticket_amount",
                table: "qtickets_baskets",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ticket_original_price",
                table: "qtickets_baskets",
                type: "numeric",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "refunds",
                table: "qtickets_orders");

            migrationBuilder.DropColumn(
                name: "multiprice_code",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "refunds",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "seat_name",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "series",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "service_fee_amount",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "ticket_amount",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "ticket_original_price",
                table: "qtickets_baskets");
        }
    }
}
