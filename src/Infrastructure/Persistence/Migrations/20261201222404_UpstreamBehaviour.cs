using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamBehaviour : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "catalog_requests",
                table: "sync_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "get_requests",
                table: "sync_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "list_requests",
                table: "sync_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "server_order",
                table: "sync_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "server_page_size",
                table: "sync_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "server_paid_filter",
                table: "sync_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "server_updated_filter",
                table: "sync_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "qtickets_events",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "catalog_requests",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "get_requests",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "list_requests",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "server_order",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "server_page_size",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "server_paid_filter",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "server_updated_filter",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "qtickets_events");
        }
    }
}
