using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Vault.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgreementVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VersionLabel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TextSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorRoles = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OpleidingsschoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PupilIds = table.Column<string>(type: "TEXT", nullable: false),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Opleidingsscholen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsHaagse = table.Column<bool>(type: "INTEGER", nullable: false),
                    Policy_ClosedEnvironmentRules = table.Column<bool>(type: "INTEGER", nullable: false),
                    Policy_RequiredRecordings = table.Column<int>(type: "INTEGER", nullable: false),
                    Policy_OfferSoundOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Policy_WithdrawalReviewDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Opleidingsscholen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    EntraObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EntraTenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSignInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntryPupils",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntryPupils", x => new { x.PupilId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_AuditEntryPupils_AuditEntries_Sequence",
                        column: x => x.Sequence,
                        principalTable: "AuditEntries",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SchoolLocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BrinCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolLocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolLocations_Opleidingsscholen_OpleidingsschoolId",
                        column: x => x.OpleidingsschoolId,
                        principalTable: "Opleidingsscholen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EndNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Placements_People_StudentId",
                        column: x => x.StudentId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Placements_SchoolLocations_SchoolLocationId",
                        column: x => x.SchoolLocationId,
                        principalTable: "SchoolLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoleAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SchoolLocationId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_Opleidingsscholen_OpleidingsschoolId",
                        column: x => x.OpleidingsschoolId,
                        principalTable: "Opleidingsscholen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_SchoolLocations_SchoolLocationId",
                        column: x => x.SchoolLocationId,
                        principalTable: "SchoolLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgreementAcceptances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlacementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Party = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AcceptedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TextSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementAcceptances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementAcceptances_AgreementVersions_AgreementVersionId",
                        column: x => x.AgreementVersionId,
                        principalTable: "AgreementVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgreementAcceptances_People_StudentId",
                        column: x => x.StudentId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgreementAcceptances_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlacementCoaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlacementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlacementCoaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlacementCoaches_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlacementCoaches_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Opleidingsscholen",
                columns: new[] { "Id", "Code", "IsHaagse", "Name", "Version", "Policy_ClosedEnvironmentRules", "Policy_OfferSoundOnly", "Policy_RequiredRecordings", "Policy_WithdrawalReviewDays" },
                values: new object[,]
                {
                    { new Guid("5c0a0000-0000-4000-8000-000000000001"), "OSR", false, "OSR", new Guid("5c0a0000-0000-4000-8000-000000000001"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000002"), "RPO", false, "RPO", new Guid("5c0a0000-0000-4000-8000-000000000002"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000003"), "AOS-WB", false, "AOS-WB", new Guid("5c0a0000-0000-4000-8000-000000000003"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000004"), "ZAOS", false, "ZAOS", new Guid("5c0a0000-0000-4000-8000-000000000004"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000005"), "OSH", true, "OSH", new Guid("5c0a0000-0000-4000-8000-000000000005"), true, true, 2, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000006"), "NOD", true, "NOD", new Guid("5c0a0000-0000-4000-8000-000000000006"), true, true, 2, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000007"), "HOS", true, "HOS", new Guid("5c0a0000-0000-4000-8000-000000000007"), true, true, 2, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000008"), "4OLS", true, "4OLS", new Guid("5c0a0000-0000-4000-8000-000000000008"), true, true, 2, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000009"), "SCOOL", false, "SCOOL", new Guid("5c0a0000-0000-4000-8000-000000000009"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000010"), "MONDRIAAN", false, "Opleidingsschool Mondriaan", new Guid("5c0a0000-0000-4000-8000-000000000010"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000011"), "RIJNLAND", false, "Opleidingsschool Rijnland", new Guid("5c0a0000-0000-4000-8000-000000000011"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000012"), "OSDW", false, "OS Delft-Westland", new Guid("5c0a0000-0000-4000-8000-000000000012"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000013"), "RAOS", false, "RAOS", new Guid("5c0a0000-0000-4000-8000-000000000013"), false, true, 0, 14 },
                    { new Guid("5c0a0000-0000-4000-8000-000000000014"), "HODOS", false, "HODOS", new Guid("5c0a0000-0000-4000-8000-000000000014"), false, true, 0, 14 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcceptances_AgreementVersionId",
                table: "AgreementAcceptances",
                column: "AgreementVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcceptances_PlacementId",
                table: "AgreementAcceptances",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcceptances_StudentId_AgreementVersionId_Party_PlacementId",
                table: "AgreementAcceptances",
                columns: new[] { "StudentId", "AgreementVersionId", "Party", "PlacementId" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementVersions_Kind_VersionLabel",
                table: "AgreementVersions",
                columns: new[] { "Kind", "VersionLabel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreementVersions_TextSha256",
                table: "AgreementVersions",
                column: "TextSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_OccurredAt",
                table: "AuditEntries",
                columns: new[] { "Action", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorPersonId",
                table: "AuditEntries",
                column: "ActorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Id",
                table: "AuditEntries",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OccurredAt",
                table: "AuditEntries",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordingId",
                table: "AuditEntries",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntryPupils_Sequence",
                table: "AuditEntryPupils",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_Opleidingsscholen_Code",
                table: "Opleidingsscholen",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_EntraObjectId",
                table: "People",
                column: "EntraObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_People_EntraTenantId_EntraObjectId",
                table: "People",
                columns: new[] { "EntraTenantId", "EntraObjectId" },
                unique: true,
                filter: "EntraObjectId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PlacementCoaches_PersonId_RemovedAt",
                table: "PlacementCoaches",
                columns: new[] { "PersonId", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlacementCoaches_PlacementId",
                table: "PlacementCoaches",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_Placements_SchoolLocationId",
                table: "Placements",
                column: "SchoolLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Placements_StudentId",
                table: "Placements",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_OpleidingsschoolId",
                table: "RoleAssignments",
                column: "OpleidingsschoolId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_PersonId_Role_OpleidingsschoolId_SchoolLocationId",
                table: "RoleAssignments",
                columns: new[] { "PersonId", "Role", "OpleidingsschoolId", "SchoolLocationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_SchoolLocationId",
                table: "RoleAssignments",
                column: "SchoolLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SchoolLocations_OpleidingsschoolId_Name",
                table: "SchoolLocations",
                columns: new[] { "OpleidingsschoolId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementAcceptances");

            migrationBuilder.DropTable(
                name: "AuditEntryPupils");

            migrationBuilder.DropTable(
                name: "PlacementCoaches");

            migrationBuilder.DropTable(
                name: "RoleAssignments");

            migrationBuilder.DropTable(
                name: "AgreementVersions");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "Placements");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "SchoolLocations");

            migrationBuilder.DropTable(
                name: "Opleidingsscholen");
        }
    }
}
