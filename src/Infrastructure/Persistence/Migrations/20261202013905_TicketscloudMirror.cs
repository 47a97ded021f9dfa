using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TicketscloudMirror : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ticketscloud_events",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    sales_key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    org_id = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    time_zone = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finishes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticketscloud_events", x => new { x.account_id, x.id });
                    table.UniqueConstraint("ak_ticketscloud_events_sales_key", x => x.sales_key);
                    table.ForeignKey(
                        name: "fk_ticketscloud_events_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticketscloud_orders",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: true),
                    code = table.Column<string>(type: "text", nullable: true),
                    event_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    org_id = table.Column<string>(type: "text", nullable: true),
                    vendor_id = table.Column<string>(type: "text", nullable: true),
                    origin = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    status_rank = table.Column<short>(type: "smallint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expired_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    nominal = table.Column<decimal>(type: "numeric", nullable: false),
                    extra = table.Column<decimal>(type: "numeric", nullable: false),
                    full = table.Column<decimal>(type: "numeric", nullable: false),
                    discount = table.Column<decimal>(type: "numeric", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    sets_values = table.Column<string>(type: "jsonb", nullable: true),
                    promo_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    viral_promo_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    customer_name = table.Column<string>(type: "text", nullable: true),
                    customer_email = table.Column<string>(type: "text", nullable: true),
                    customer_phone = table.Column<string>(type: "text", nullable: true),
                    customer_lang = table.Column<string>(type: "text", nullable: true),
                    send_tickets = table.Column<bool>(type: "boolean", nullable: true),
                    invitation = table.Column<bool>(type: "boolean", nullable: true),
                    settings = table.Column<string>(type: "jsonb", nullable: true),
                    vendor_data = table.Column<string>(type: "jsonb", nullable: true),
                    vendor_order_id = table.Column<string>(type: "text", nullable: true),
                    time_zone = table.Column<string>(type: "text", nullable: false),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticketscloud_orders", x => new { x.account_id, x.id });
                    table.ForeignKey(
                        name: "fk_ticketscloud_orders_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticketscloud_refund_requests",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    order_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    event_id = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    status_rank = table.Column<short>(type: "smallint", nullable: false),
                    ticket_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticketscloud_refund_requests", x => new { x.account_id, x.id });
                    table.ForeignKey(
                        name: "fk_ticketscloud_refund_requests_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticketscloud_tickets",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    order_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    event_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: true),
                    barcode = table.Column<string>(type: "text", nullable: true),
                    serial = table.Column<string>(type: "text", nullable: true),
                    set_id = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: true),
                    nominal = table.Column<decimal>(type: "numeric", nullable: false),
                    extra = table.Column<decimal>(type: "numeric", nullable: false),
                    full = table.Column<decimal>(type: "numeric", nullable: false),
                    discount = table.Column<decimal>(type: "numeric", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    vanished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticketscloud_tickets", x => new { x.account_id, x.id });
                    table.ForeignKey(
                        name: "fk_ticketscloud_tickets_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ticketscloud_tickets_ticketscloud_orders_account_id_order_id",
                        columns: x => new { x.account_id, x.order_id },
                        principalTable: "ticketscloud_orders",
                        principalColumns: new[] { "account_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_created_at",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_customer_email",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "customer_email" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_done_at",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "done_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_orders_account_id_event_id",
                table: "ticketscloud_orders",
                columns: new[] { "account_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_refund_requests_account_id_order_id",
                table: "ticketscloud_refund_requests",
                columns: new[] { "account_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_refund_requests_ticket_ids",
                table: "ticketscloud_refund_requests",
                column: "ticket_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_tickets_account_id_barcode",
                table: "ticketscloud_tickets",
                columns: new[] { "account_id", "barcode" });

            migrationBuilder.CreateIndex(
                name: "ix_ticketscloud_tickets_account_id_order_id",
                table: "ticketscloud_tickets",
                columns: new[] { "account_id", "order_id" });

            // Hand-written SQL lives in TicketscloudSalesSql (ADR 0009): the recompute, the queue's source, the triggers.
            migrationBuilder.Sql(TicketscloudSalesSql.CreateRecomputeFunction);
            migrationBuilder.Sql(TicketscloudSalesSql.AddSource);
            migrationBuilder.Sql(TicketscloudSalesSql.CreateTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TicketscloudSalesSql.DropSource);
            migrationBuilder.Sql(TicketscloudSalesSql.Drop);

            migrationBuilder.DropTable(
                name: "ticketscloud_events");

            migrationBuilder.DropTable(
                name: "ticketscloud_refund_requests");

            migrationBuilder.DropTable(
                name: "ticketscloud_tickets");

            migrationBuilder.DropTable(
                name: "ticketscloud_orders");
        }
    }
}
