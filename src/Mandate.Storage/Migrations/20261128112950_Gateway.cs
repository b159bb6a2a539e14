using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Gateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", nullable: true),
                    TokenId = table.Column<string>(type: "TEXT", nullable: true),
                    Upstream = table.Column<string>(type: "TEXT", nullable: true),
                    Method = table.Column<string>(type: "TEXT", nullable: true),
                    Tool = table.Column<string>(type: "TEXT", nullable: true),
                    ArgumentsDigest = table.Column<string>(type: "TEXT", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: true),
                    UpstreamStatus = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tool_policies",
                columns: table => new
                {
                    Upstream = table.Column<string>(type: "TEXT", nullable: false),
                    Tool = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ApprovedFingerprint = table.Column<string>(type: "TEXT", nullable: true),
                    ApprovedDefinition = table.Column<string>(type: "TEXT", nullable: true),
                    ApprovedLevel = table.Column<string>(type: "TEXT", nullable: false),
                    PendingFingerprint = table.Column<string>(type: "TEXT", nullable: true),
                    PendingDefinition = table.Column<string>(type: "TEXT", nullable: true),
                    OverrideLevel = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tool_policies", x => new { x.Upstream, x.Tool });
                });

            migrationBuilder.CreateTable(
                name: "upstreams",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Transport = table.Column<string>(type: "TEXT", nullable: false),
                    TrustAnnotations = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProtectedHeaders = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upstreams", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Timestamp",
                table: "audit_events",
                column: "Timestamp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "tool_policies");

            migrationBuilder.DropTable(
                name: "upstreams");
        }
    }
}
