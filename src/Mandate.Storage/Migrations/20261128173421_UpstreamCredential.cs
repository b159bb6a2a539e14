using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Storage.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamCredential : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CredentialAs",
                table: "upstreams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CredentialConnector",
                table: "upstreams",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CredentialAs",
                table: "upstreams");

            migrationBuilder.DropColumn(
                name: "CredentialConnector",
                table: "upstreams");
        }
    }
}
