using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Vault.Api.Data.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    TextSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ActorRoles = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SubjectType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PupilIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DetailsJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ConsentGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolYear = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentPupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentPupils", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CopyrightRefusals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RefusedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CopyrightRefusals", x => x.Id);
                });

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
                name: "ErasureMarks",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureMarks", x => new { x.RequestId, x.RecordingId });
                });

            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RequestedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    HandedOverAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GateDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Media = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Capture = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    InformedAttestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    InformedHow = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Allowed = table.Column<bool>(type: "bit", nullable: false),
                    SoundOnlyOffered = table.Column<bool>(type: "bit", nullable: false),
                    ReasonsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: false),
                    RulesApplied = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Conditions = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TicketExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RedeemedByRecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RedeemedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateDecisions", x => x.Id);
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
                name: "MasterKeyCheck",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    MasterKeyId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CheckValue = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RotatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MasterKeyCheck", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Opleidingsscholen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsHaagse = table.Column<bool>(type: "bit", nullable: false),
                    Policy_ClosedEnvironmentRules = table.Column<bool>(type: "bit", nullable: false),
                    Policy_RequiredRecordings = table.Column<int>(type: "int", nullable: false),
                    Policy_OfferSoundOnly = table.Column<bool>(type: "bit", nullable: false),
                    Policy_WithdrawalReviewDays = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Opleidingsscholen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    EntraObjectId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    EntraTenantId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastSignInAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordingKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "varbinary(64)", maxLength: 64, nullable: false),
                    MasterKeyId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DestroyedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingKeys", x => x.Id);
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
                name: "UploadSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Capture = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    DeclaredSize = table.Column<long>(type: "bigint", nullable: true),
                    MaxSize = table.Column<long>(type: "bigint", nullable: false),
                    Received = table.Column<long>(type: "bigint", nullable: false),
                    KeyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RefusalType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UploadSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntryPupils",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                name: "ConsentGroupMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolYear = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Beeld = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Geluid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    GivenBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EnteredByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
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
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
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
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
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

            migrationBuilder.CreateTable(
                name: "ErasureRequestRecordings",
                columns: table => new
                {
                    ErasureRequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "GatePresences",
                columns: table => new
                {
                    DecisionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "SchoolLocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BrinCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                name: "UploadSegments",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Index = table.Column<int>(type: "int", nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UploadSegments", x => new { x.UploadId, x.Index });
                    table.ForeignKey(
                        name: "FK_UploadSegments_UploadSessions_UploadId",
                        column: x => x.UploadId,
                        principalTable: "UploadSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    EndNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Employer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgreementVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Party = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AcceptedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TextSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AssignedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RemovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RemovedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolLocationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpleidingsschoolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Media = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Capture = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordingAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EmbeddedRecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RecordingDateMismatch = table.Column<bool>(type: "bit", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Content_VersionNumber = table.Column<int>(type: "int", nullable: false),
                    Content_BlobName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Content_KeyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Content_Length = table.Column<long>(type: "bigint", nullable: false),
                    Content_ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Content_Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Content_DurationSeconds = table.Column<double>(type: "float", nullable: false),
                    Content_HasVideo = table.Column<bool>(type: "bit", nullable: false),
                    Content_HasAudio = table.Column<bool>(type: "bit", nullable: false),
                    Content_VideoCodec = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Content_AudioCodec = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Content_Width = table.Column<int>(type: "int", nullable: true),
                    Content_Height = table.Column<int>(type: "int", nullable: true),
                    Rendition = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    WebRendition_VersionNumber = table.Column<int>(type: "int", nullable: true),
                    WebRendition_BlobName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    WebRendition_KeyId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    WebRendition_Length = table.Column<long>(type: "bigint", nullable: true),
                    WebRendition_ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    WebRendition_Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    WebRendition_DurationSeconds = table.Column<double>(type: "float", nullable: true),
                    WebRendition_HasVideo = table.Column<bool>(type: "bit", nullable: true),
                    WebRendition_HasAudio = table.Column<bool>(type: "bit", nullable: true),
                    WebRendition_VideoCodec = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    WebRendition_AudioCodec = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    WebRendition_Width = table.Column<int>(type: "int", nullable: true),
                    WebRendition_Height = table.Column<int>(type: "int", nullable: true),
                    RenditionError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ReviewDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReviewReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AssessmentDoneAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AssessedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DeletionRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recordings_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExtraAssessors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AddedByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtraAssessors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExtraAssessors_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecordingClips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FromSeconds = table.Column<double>(type: "float", nullable: false),
                    ToSeconds = table.Column<double>(type: "float", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingClips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingClips_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecordingComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ParentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AuthorPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AtSeconds = table.Column<double>(type: "float", nullable: false),
                    ToSeconds = table.Column<double>(type: "float", nullable: true),
                    Category = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingComments_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
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

            migrationBuilder.InsertData(
                table: "RetentionLeases",
                columns: new[] { "Name", "AcquiredAt", "ExpiresAt", "Owner" },
                values: new object[] { "destruction", null, null, null });

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
                name: "IX_AuditEntries_OpleidingsschoolId",
                table: "AuditEntries",
                column: "OpleidingsschoolId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordingId",
                table: "AuditEntries",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SchoolLocationId",
                table: "AuditEntries",
                column: "SchoolLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntryPupils_Sequence",
                table: "AuditEntryPupils",
                column: "Sequence");

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
                name: "IX_CopyrightRefusals_StudentId_PlacementId",
                table: "CopyrightRefusals",
                columns: new[] { "StudentId", "PlacementId" },
                unique: true,
                filter: "[PlacementId] IS NOT NULL");

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
                name: "IX_ErasureMarks_Outcome",
                table: "ErasureMarks",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureMarks_RecordingId",
                table: "ErasureMarks",
                column: "RecordingId");

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

            migrationBuilder.CreateIndex(
                name: "IX_ExtraAssessors_RecordingId_PersonId",
                table: "ExtraAssessors",
                columns: new[] { "RecordingId", "PersonId" });

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
                name: "IX_RecordingClips_RecordingId",
                table: "RecordingClips",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingComments_RecordingId_AtSeconds",
                table: "RecordingComments",
                columns: new[] { "RecordingId", "AtSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_PlacementId",
                table: "Recordings",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_StudentId",
                table: "Recordings",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_TicketId",
                table: "Recordings",
                column: "TicketId",
                unique: true);

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
                name: "IX_RoleAssignments_OpleidingsschoolId",
                table: "RoleAssignments",
                column: "OpleidingsschoolId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_PersonId_Role_OpleidingsschoolId_SchoolLocationId",
                table: "RoleAssignments",
                columns: new[] { "PersonId", "Role", "OpleidingsschoolId", "SchoolLocationId" },
                unique: true,
                filter: "[OpleidingsschoolId] IS NOT NULL AND [SchoolLocationId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_SchoolLocationId",
                table: "RoleAssignments",
                column: "SchoolLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SchoolLocations_OpleidingsschoolId_Name",
                table: "SchoolLocations",
                columns: new[] { "OpleidingsschoolId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_DestroyedAt",
                table: "Tombstones",
                column: "DestroyedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_OpleidingsschoolId_DestroyedAt",
                table: "Tombstones",
                columns: new[] { "OpleidingsschoolId", "DestroyedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_PlacementId",
                table: "Tombstones",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_Tombstones_RunId",
                table: "Tombstones",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_UploadSessions_Status_ExpiresAt",
                table: "UploadSessions",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UploadSessions_StudentId",
                table: "UploadSessions",
                column: "StudentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementAcceptances");

            migrationBuilder.DropTable(
                name: "AuditEntryPupils");

            migrationBuilder.DropTable(
                name: "ConsentGroupMemberships");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "CopyrightRefusals");

            migrationBuilder.DropTable(
                name: "DestructionPlanItems");

            migrationBuilder.DropTable(
                name: "DestructionRunItems");

            migrationBuilder.DropTable(
                name: "ErasureMarks");

            migrationBuilder.DropTable(
                name: "ErasureRequestRecordings");

            migrationBuilder.DropTable(
                name: "ExtraAssessors");

            migrationBuilder.DropTable(
                name: "GatePresences");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "MasterKeyCheck");

            migrationBuilder.DropTable(
                name: "PlacementCoaches");

            migrationBuilder.DropTable(
                name: "RecordingClips");

            migrationBuilder.DropTable(
                name: "RecordingComments");

            migrationBuilder.DropTable(
                name: "RecordingKeys");

            migrationBuilder.DropTable(
                name: "RetentionLeases");

            migrationBuilder.DropTable(
                name: "RetentionNotices");

            migrationBuilder.DropTable(
                name: "RoleAssignments");

            migrationBuilder.DropTable(
                name: "Tombstones");

            migrationBuilder.DropTable(
                name: "UploadSegments");

            migrationBuilder.DropTable(
                name: "AgreementVersions");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "ConsentGroups");

            migrationBuilder.DropTable(
                name: "ConsentPupils");

            migrationBuilder.DropTable(
                name: "ErasureRequests");

            migrationBuilder.DropTable(
                name: "GateDecisions");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "DestructionPlans");

            migrationBuilder.DropTable(
                name: "DestructionRuns");

            migrationBuilder.DropTable(
                name: "UploadSessions");

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
