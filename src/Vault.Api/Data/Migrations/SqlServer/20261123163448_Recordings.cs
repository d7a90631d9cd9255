using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vault.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Recordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "MasterKeyCheck");

            migrationBuilder.DropTable(
                name: "RecordingKeys");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "UploadSegments");

            migrationBuilder.DropTable(
                name: "UploadSessions");
        }
    }
}
