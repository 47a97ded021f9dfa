using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrderChangeStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_change_states",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: true),
                    currency = table.Column<string>(type: "text", nullable: true),
                    total = table.Column<decimal>(type: "numeric", nullable: true),
                    ticket_revenue = table.Column<decimal>(type: "numeric", nullable: true),
                    service_fees = table.Column<decimal>(type: "numeric", nullable: true),
                    discount = table.Column<decimal>(type: "numeric", nullable: true),
                    refunded_amount = table.Column<decimal>(type: "numeric", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    event_id = table.Column<string>(type: "text", nullable: true),
                    event_name = table.Column<string>(type: "text", nullable: true),
                    show_id = table.Column<string>(type: "text", nullable: true),
                    show_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    tickets = table.Column<int>(type: "integer", nullable: true),
                    refunded_tickets = table.Column<int>(type: "integer", nullable: true),
                    customer_email = table.Column<string>(type: "text", nullable: true),
                    customer_phone = table.Column<string>(type: "text", nullable: true),
                    customer_name = table.Column<string>(type: "text", nullable: true),
                    deleted = table.Column<bool>(type: "boolean", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    vanished = table.Column<bool>(type: "boolean", nullable: true),
                    vanished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_change_states", x => x.position);
                    table.ForeignKey(
                        name: "fk_order_change_states_order_changes_position",
                        column: x => x.position,
                        principalTable: "order_changes",
                        principalColumn: "position",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each change written from now on gets the order it made (ADR 0023); older ones get the order as it is
            // now from ChangeStateFill, in batches after start, not in this transaction.
            migrationBuilder.Sql(OrderChangeStateSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrderChangeStateSql.Drop);
            migrationBuilder.DropTable(
                name: "order_change_states");
        }
    }
}
