using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vault.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivacyWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HandedOverAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ErasureRequestRecordings",
                columns: table => new
                {
                    ErasureRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequestRecordings", x => new { x.ErasureRequestId, x.RecordingId });
                    table.ForeignKey(
                        name: "FK_ErasureRequestRecordings_ErasureRequests_ErasureRequestId",
                        column: x => x.ErasureRequestId,
                        principalTable: "ErasureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OpleidingsschoolId",
                table: "AuditEntries",
                column: "OpleidingsschoolId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SchoolLocationId",
                table: "AuditEntries",
                column: "SchoolLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequestRecordings_RecordingId",
                table: "ErasureRequestRecordings",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_OpleidingsschoolId_RequestedAt",
                table: "ErasureRequests",
                columns: new[] { "OpleidingsschoolId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_PupilId_RequestedAt",
                table: "ErasureRequests",
                columns: new[] { "PupilId", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasureRequestRecordings");

            migrationBuilder.DropTable(
                name: "ErasureRequests");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OpleidingsschoolId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SchoolLocationId",
                table: "AuditEntries");
        }
    }
}
