using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HttpUpstreams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "upstreams",
                type: "TEXT",
                nullable: false,
                defaultValue: "mcp");

            migrationBuilder.CreateTable(
                name: "http_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Upstream = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_http_rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_http_rules_Upstream",
                table: "http_rules",
                column: "Upstream");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "http_rules");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "upstreams");
        }
    }
}
