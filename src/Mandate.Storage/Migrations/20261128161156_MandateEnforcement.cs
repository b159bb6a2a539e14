using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class MandateEnforcement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LabelOverride",
                table: "tool_policies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_flow_taints",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Upstream = table.Column<string>(type: "TEXT", nullable: false),
                    Tool = table.Column<string>(type: "TEXT", nullable: false),
                    MarkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_flow_taints", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "mandate_call_counts",
                columns: table => new
                {
                    GrantId = table.Column<string>(type: "TEXT", nullable: false),
                    Tool = table.Column<string>(type: "TEXT", nullable: false),
                    Calls = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mandate_call_counts", x => new { x.GrantId, x.Tool });
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_flow_taints_ExpiresAt",
                table: "data_flow_taints",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_mandate_call_counts_ExpiresAt",
                table: "mandate_call_counts",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_flow_taints");

            migrationBuilder.DropTable(
                name: "mandate_call_counts");

            migrationBuilder.DropColumn(
                name: "LabelOverride",
                table: "tool_policies");
        }
    }
}
