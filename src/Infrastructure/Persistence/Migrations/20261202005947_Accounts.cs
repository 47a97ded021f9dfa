using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Accounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 11: every row gains its account; existing rows move to the account 'default' (id 1).
            // Hand-written SQL lives in AccountsSql and SalesSql.
            migrationBuilder.Sql(SalesSql.DropFunctions);

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_baskets_qtickets_orders_order_id",
                table: "qtickets_baskets");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_shows_qtickets_events_event_id",
                table: "qtickets_shows");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_event_type_body_sha256",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_order_id_id",
                table: "webhook_deliveries");

            migrationBuilder.DropPrimaryKey(
                name: "pk_sync_state",
                table: "sync_state");

            migrationBuilder.DropIndex(
                name: "ix_sync_runs_kind_started_at",
                table: "sync_runs");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_shows",
                table: "qtickets_shows");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_shows_event_id_start_date",
                table: "qtickets_shows");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_request_slots",
                table: "qtickets_request_slots");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_orders",
                table: "qtickets_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_event_id_payed_at",
                table: "qtickets_orders");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_events",
                table: "qtickets_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_clients",
                table: "qtickets_clients");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_baskets",
                table: "qtickets_baskets");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_baskets_order_id",
                table: "qtickets_baskets");

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "webhook_deliveries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "sync_state",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "sync_runs",
                type: "integer",
                nullable: true,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_shows",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_request_slots",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_orders",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_events",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_clients",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "qtickets_baskets",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddPrimaryKey(
                name: "pk_sync_state",
                table: "sync_state",
                columns: new[] { "account_id", "key" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_shows",
                table: "qtickets_shows",
                columns: new[] { "account_id", "id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_request_slots",
                table: "qtickets_request_slots",
                columns: new[] { "account_id", "name" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_orders",
                table: "qtickets_orders",
                columns: new[] { "account_id", "id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_events",
                table: "qtickets_events",
                columns: new[] { "account_id", "id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_clients",
                table: "qtickets_clients",
                columns: new[] { "account_id", "id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_baskets",
                table: "qtickets_baskets",
                columns: new[] { "account_id", "id" });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    platform = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    organization = table.Column<string>(type: "text", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.Sql(AccountsSql.InsertDefaultAccount);
            migrationBuilder.Sql(AccountsSql.DropAccountDefaults());
            migrationBuilder.Sql(AccountsSql.DeploymentWideRuns);
            migrationBuilder.Sql(AccountsSql.AlterSalesTables);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_account_id_event_type_body_sha256",
                table: "webhook_deliveries",
                columns: new[] { "account_id", "event_type", "body_sha256" },
                unique: true,
                filter: "status <> 'rejected'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_account_id_order_id_id",
                table: "webhook_deliveries",
                columns: new[] { "account_id", "order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_account_id_kind_started_at",
                table: "sync_runs",
                columns: new[] { "account_id", "kind", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_shows_account_id_event_id_start_date",
                table: "qtickets_shows",
                columns: new[] { "account_id", "event_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_orders_account_id_event_id_payed_at",
                table: "qtickets_orders",
                columns: new[] { "account_id", "event_id", "payed_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "payed" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_baskets_account_id_order_id",
                table: "qtickets_baskets",
                columns: new[] { "account_id", "order_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "quantity", "price", "refunded_at", "refunded_amount", "deleted_at", "vanished_at" });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_name",
                table: "accounts",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_baskets_qtickets_orders_account_id_order_id",
                table: "qtickets_baskets",
                columns: new[] { "account_id", "order_id" },
                principalTable: "qtickets_orders",
                principalColumns: new[] { "account_id", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_clients_accounts_account_id",
                table: "qtickets_clients",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_events_accounts_account_id",
                table: "qtickets_events",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_orders_accounts_account_id",
                table: "qtickets_orders",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_request_slots_accounts_account_id",
                table: "qtickets_request_slots",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_shows_qtickets_events_account_id_event_id",
                table: "qtickets_shows",
                columns: new[] { "account_id", "event_id" },
                principalTable: "qtickets_events",
                principalColumns: new[] { "account_id", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_sync_runs_accounts_account_id",
                table: "sync_runs",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_sync_state_accounts_account_id",
                table: "sync_state",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_deliveries_accounts_account_id",
                table: "webhook_deliveries",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(SalesSql.CreateRecomputeFunction);
            migrationBuilder.Sql(SalesSqlAtAccounts.CreateTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_baskets_qtickets_orders_account_id_order_id",
                table: "qtickets_baskets");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_clients_accounts_account_id",
                table: "qtickets_clients");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_events_accounts_account_id",
                table: "qtickets_events");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_orders_accounts_account_id",
                table: "qtickets_orders");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_request_slots_accounts_account_id",
                table: "qtickets_request_slots");

            migrationBuilder.DropForeignKey(
                name: "fk_qtickets_shows_qtickets_events_account_id_event_id",
                table: "qtickets_shows");

            migrationBuilder.DropForeignKey(
                name: "fk_sync_runs_accounts_account_id",
                table: "sync_runs");

            migrationBuilder.DropForeignKey(
                name: "fk_sync_state_accounts_account_id",
                table: "sync_state");

            migrationBuilder.DropForeignKey(
                name: "fk_webhook_deliveries_accounts_account_id",
                table: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_account_id_event_type_body_sha256",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_account_id_order_id_id",
                table: "webhook_deliveries");

            migrationBuilder.DropPrimaryKey(
                name: "pk_sync_state",
                table: "sync_state");

            migrationBuilder.DropIndex(
                name: "ix_sync_runs_account_id_kind_started_at",
                table: "sync_runs");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_shows",
                table: "qtickets_shows");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_shows_account_id_event_id_start_date",
                table: "qtickets_shows");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_request_slots",
                table: "qtickets_request_slots");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_orders",
                table: "qtickets_orders");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_orders_account_id_event_id_payed_at",
                table: "qtickets_orders");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_events",
                table: "qtickets_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_clients",
                table: "qtickets_clients");

            migrationBuilder.DropPrimaryKey(
                name: "pk_qtickets_baskets",
                table: "qtickets_baskets");

            migrationBuilder.DropIndex(
                name: "ix_qtickets_baskets_account_id_order_id",
                table: "qtickets_baskets");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "sync_state");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_shows");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_request_slots");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_orders");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_events");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_clients");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "qtickets_baskets");

            migrationBuilder.AddPrimaryKey(
                name: "pk_sync_state",
                table: "sync_state",
                column: "key");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_shows",
                table: "qtickets_shows",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_request_slots",
                table: "qtickets_request_slots",
                column: "name");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_orders",
                table: "qtickets_orders",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_events",
                table: "qtickets_events",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_clients",
                table: "qtickets_clients",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_qtickets_baskets",
                table: "qtickets_baskets",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_event_type_body_sha256",
                table: "webhook_deliveries",
                columns: new[] { "event_type", "body_sha256" },
                unique: true,
                filter: "status <> 'rejected'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_order_id_id",
                table: "webhook_deliveries",
                columns: new[] { "order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_kind_started_at",
                table: "sync_runs",
                columns: new[] { "kind", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_qtickets_shows_event_id_start_date",
                table: "qtickets_shows",
                columns: new[] { "event_id", "start_date" });

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

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_baskets_qtickets_orders_order_id",
                table: "qtickets_baskets",
                column: "order_id",
                principalTable: "qtickets_orders",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_qtickets_shows_qtickets_events_event_id",
                table: "qtickets_shows",
                column: "event_id",
                principalTable: "qtickets_events",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.Sql(SalesSqlBeforeAccounts.CreateRecomputeFunction);
            migrationBuilder.Sql(SalesSqlBeforeAccounts.CreateTriggers);
        }
    }
}
