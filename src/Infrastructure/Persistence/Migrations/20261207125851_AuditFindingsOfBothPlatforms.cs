using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditFindingsOfBothPlatforms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ticket_id",
                table: "audit_findings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "order_id",
                table: "audit_findings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<DateOnly>(
                name: "day",
                table: "audit_findings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "event_id",
                table: "audit_findings",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "day",
                table: "audit_findings");

            migrationBuilder.DropColumn(
                name: "event_id",
                table: "audit_findings");

            migrationBuilder.AlterColumn<long>(
                name: "ticket_id",
                table: "audit_findings",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "order_id",
                table: "audit_findings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
