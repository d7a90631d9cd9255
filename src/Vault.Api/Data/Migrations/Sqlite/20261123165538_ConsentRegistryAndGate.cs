using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vault.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentRegistryAndGate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentPupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentPupils", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GateDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordingAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Media = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Capture = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InformedAttestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InformedHow = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Allowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    SoundOnlyOffered = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    RulesApplied = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TicketExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RedeemedByRecordingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RedeemedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentGroupMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGroupMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentGroupMemberships_ConsentGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ConsentGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentGroupMemberships_ConsentPupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "ConsentPupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Beeld = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Geluid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GivenBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InformedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnteredByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_ConsentPupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "ConsentPupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GatePresences",
                columns: table => new
                {
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatePresences", x => new { x.DecisionId, x.PupilId });
                    table.ForeignKey(
                        name: "FK_GatePresences_GateDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "GateDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGroupMemberships_GroupId_PupilId",
                table: "ConsentGroupMemberships",
                columns: new[] { "GroupId", "PupilId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGroupMemberships_PupilId",
                table: "ConsentGroupMemberships",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGroups_SchoolLocationId_SchoolYear_Name",
                table: "ConsentGroups",
                columns: new[] { "SchoolLocationId", "SchoolYear", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentPupils_SchoolLocationId_PupilNumber",
                table: "ConsentPupils",
                columns: new[] { "SchoolLocationId", "PupilNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_PupilId_SchoolYear_GivenOn",
                table: "ConsentRecords",
                columns: new[] { "PupilId", "SchoolYear", "GivenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SchoolLocationId_SchoolYear",
                table: "ConsentRecords",
                columns: new[] { "SchoolLocationId", "SchoolYear" });

            migrationBuilder.CreateIndex(
                name: "IX_GateDecisions_PlacementId_Allowed",
                table: "GateDecisions",
                columns: new[] { "PlacementId", "Allowed" });

            migrationBuilder.CreateIndex(
                name: "IX_GateDecisions_RedeemedByRecordingId",
                table: "GateDecisions",
                column: "RedeemedByRecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_GateDecisions_TicketId",
                table: "GateDecisions",
                column: "TicketId",
                unique: true,
                filter: "TicketId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GatePresences_PupilId",
                table: "GatePresences",
                column: "PupilId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentGroupMemberships");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "GatePresences");

            migrationBuilder.DropTable(
                name: "ConsentGroups");

            migrationBuilder.DropTable(
                name: "ConsentPupils");

            migrationBuilder.DropTable(
                name: "GateDecisions");
        }
    }
}
