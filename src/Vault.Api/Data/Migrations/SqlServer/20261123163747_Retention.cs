using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vault.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DestructionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ToDestroyCount = table.Column<int>(type: "int", nullable: false),
                    ToKeepCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DestructionRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    StartedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    PlannedCount = table.Column<int>(type: "int", nullable: false),
                    DestroyedCount = table.Column<int>(type: "int", nullable: false),
                    SkippedCount = table.Column<int>(type: "int", nullable: false),
                    FailedCount = table.Column<int>(type: "int", nullable: false),
                    ListSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    PlacedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LiftedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LiftedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LiftedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LiftReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AcquiredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "DestructionPlanItems",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WillBeDestroyed = table.Column<bool>(type: "bit", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionPlanItems", x => new { x.PlanId, x.RecordingId });
                    table.ForeignKey(
                        name: "FK_DestructionPlanItems_DestructionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DestructionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionNotices_DestructionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DestructionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DestructionRunItems",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DestroyedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    BlobsDeleted = table.Column<int>(type: "int", nullable: false),
                    KeyDestroyed = table.Column<bool>(type: "bit", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionRunItems", x => new { x.RunId, x.RecordingId });
                    table.ForeignKey(
                        name: "FK_DestructionRunItems_DestructionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "DestructionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tombstones",
                columns: table => new
                {
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DestroyedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tombstones", x => x.RecordingId);
                    table.ForeignKey(
                        name: "FK_Tombstones_DestructionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "DestructionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "RetentionLeases",
                columns: new[] { "Name", "AcquiredAt", "ExpiresAt", "Owner" },
                values: new object[] { "destruction", null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_DestructionPlans_RunDate",
                table: "DestructionPlans",
                column: "RunDate",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DestructionRunItems_RecordingId",
                table: "DestructionRunItems",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_DestructionRunItems_RunId_State_Sequence",
                table: "DestructionRunItems",
                columns: new[] { "RunId", "State", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_DestructionRuns_Key",
                table: "DestructionRuns",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DestructionRuns_StartedAt",
                table: "DestructionRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_LiftedAt",
                table: "LegalHolds",
                column: "LiftedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_PlacementId",
                table: "LegalHolds",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_RecordingId",
                table: "LegalHolds",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionNotices_PersonId",
                table: "RetentionNotices",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionNotices_PlanId_PersonId_RecordingId",
                table: "RetentionNotices",
                columns: new[] { "PlanId", "PersonId", "RecordingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_PlacementId",
                table: "Tombstones",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_RunId",
                table: "Tombstones",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DestructionPlanItems");

            migrationBuilder.DropTable(
                name: "DestructionRunItems");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "RetentionLeases");

            migrationBuilder.DropTable(
                name: "RetentionNotices");

            migrationBuilder.DropTable(
                name: "Tombstones");

            migrationBuilder.DropTable(
                name: "DestructionPlans");

            migrationBuilder.DropTable(
                name: "DestructionRuns");
        }
    }
}
