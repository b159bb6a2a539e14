using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Delegation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MayExchangeTo",
                table: "clients",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ActorChain",
                table: "audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resource",
                table: "audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceAddress",
                table: "audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "token_delegations",
                columns: table => new
                {
                    TokenId = table.Column<string>(type: "TEXT", nullable: false),
                    ParentTokenId = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_delegations", x => x.TokenId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_delegations_ExpiresAt",
                table: "token_delegations",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_token_delegations_ParentTokenId",
                table: "token_delegations",
                column: "ParentTokenId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "token_delegations");

            migrationBuilder.DropColumn(
                name: "MayExchangeTo",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "ActorChain",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Resource",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "SourceAddress",
                table: "audit_events");
        }
    }
}
