using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BackchannelClientNotificationEndpoint",
                table: "clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BackchannelTokenDeliveryMode",
                table: "clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    ActChain = table.Column<string>(type: "TEXT", nullable: true),
                    BindingMessage = table.Column<string>(type: "TEXT", nullable: true),
                    Scope = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationDetails = table.Column<string>(type: "TEXT", nullable: true),
                    Upstream = table.Column<string>(type: "TEXT", nullable: true),
                    Tool = table.Column<string>(type: "TEXT", nullable: true),
                    ArgumentsDigest = table.Column<string>(type: "TEXT", nullable: true),
                    ArgumentsPreview = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ciba_requests",
                columns: table => new
                {
                    ApprovalId = table.Column<string>(type: "TEXT", nullable: false),
                    AuthReqIdHash = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    Resource = table.Column<string>(type: "TEXT", nullable: false),
                    DeliveryMode = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedNotificationToken = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedAuthReqId = table.Column<string>(type: "TEXT", nullable: true),
                    IntervalSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    NextPollAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ciba_requests", x => x.ApprovalId);
                    table.ForeignKey(
                        name: "FK_ciba_requests_approval_requests_ApprovalId",
                        column: x => x.ApprovalId,
                        principalTable: "approval_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_Status_ExpiresAt",
                table: "approval_requests",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_Subject_Status",
                table: "approval_requests",
                columns: new[] { "Subject", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ciba_requests_AuthReqIdHash",
                table: "ciba_requests",
                column: "AuthReqIdHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ciba_requests");

            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropColumn(
                name: "BackchannelClientNotificationEndpoint",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "BackchannelTokenDeliveryMode",
                table: "clients");
        }
    }
}
