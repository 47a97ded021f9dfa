using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// ADR 0018: the upsert's outcome for a payload the mirror (or its batch) already holds is named <c>duplicate</c>,
    /// as issue 25 names it; it was <c>unchanged</c>. The stored outcomes are renamed so every row reads in the new
    /// vocabulary (a delivery's <c>apply_outcome</c>, a command's <c>mirror_outcome</c>); nothing else changes.
    /// </summary>
    public partial class DuplicateOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE webhook_deliveries SET apply_outcome = 'duplicate' WHERE apply_outcome = 'unchanged';");
            migrationBuilder.Sql("UPDATE order_commands SET mirror_outcome = 'Duplicate' WHERE mirror_outcome = 'Unchanged';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE webhook_deliveries SET apply_outcome = 'unchanged' WHERE apply_outcome = 'duplicate';");
            migrationBuilder.Sql("UPDATE order_commands SET mirror_outcome = 'Unchanged' WHERE mirror_outcome = 'Duplicate';");
        }
    }
}
