using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Qtickets.Sync.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The key erasure hashes are made with when PersonalData:HashKey is not set: random, made once per
            // database, so every instance and every restart (and a restored backup) hash alike.
            migrationBuilder.Sql("""
                CREATE TABLE personal_data_key (id integer PRIMARY KEY CHECK (id = 1), hash_key text NOT NULL);
                INSERT INTO personal_data_key
                    VALUES (1, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''));
                """);
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "personal_data_erasures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: true),
                    email_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    phone_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    counts = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_erasures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_erasures_email_hash",
                table: "personal_data_erasures",
                column: "email_hash");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_erasures_phone_hash",
                table: "personal_data_erasures",
                column: "phone_hash");

            // The phone rule of PersonalIdentifiers.NormalisePhone, in SQL, so phones are found by index; erasures
            // look buyers up by lower(e-mail) and by this, never by scanning payloads.
            migrationBuilder.Sql("""
                CREATE FUNCTION personal_phone(phone text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
                    SELECT CASE
                        WHEN d ~ '^8[0-9]{10}$' THEN '7' || substr(d, 2)
                        WHEN d ~ '^[0-9]{10}$' THEN '7' || d
                        WHEN length(d) >= 5 THEN d
                    END
                    FROM (SELECT regexp_replace(phone, '[^0-9]', '', 'g') AS d) digits
                $$;
                CREATE INDEX ix_qtickets_orders_lower_client_email ON qtickets_orders (lower(client_email));
                CREATE INDEX ix_qtickets_orders_personal_phone ON qtickets_orders (personal_phone(client_phone));
                CREATE INDEX ix_qtickets_baskets_lower_client_email ON qtickets_baskets (lower(client_email));
                CREATE INDEX ix_qtickets_baskets_personal_phone ON qtickets_baskets (personal_phone(client_phone));
                CREATE INDEX ix_qtickets_clients_lower_email ON qtickets_clients (lower(email));
                CREATE INDEX ix_qtickets_clients_personal_phone ON qtickets_clients (personal_phone(phone));
                CREATE INDEX ix_qtickets_orders_client ON qtickets_orders (account_id, client_id);
                CREATE INDEX ix_ticketscloud_orders_lower_customer_email ON ticketscloud_orders (lower(customer_email));
                CREATE INDEX ix_ticketscloud_orders_personal_phone ON ticketscloud_orders (personal_phone(customer_phone));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_qtickets_orders_lower_client_email, ix_qtickets_orders_personal_phone,
                    ix_qtickets_baskets_lower_client_email, ix_qtickets_baskets_personal_phone,
                    ix_qtickets_clients_lower_email, ix_qtickets_clients_personal_phone, ix_qtickets_orders_client,
                    ix_ticketscloud_orders_lower_customer_email, ix_ticketscloud_orders_personal_phone;
                DROP FUNCTION personal_phone(text);
                DROP TABLE personal_data_key;
                """);
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "personal_data_erasures");
        }
    }
}
