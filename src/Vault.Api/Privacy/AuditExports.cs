using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Privacy;

/// <summary>
/// Exports of the audit log for a privacy officer: CSV and the printable report page. Every export is itself
/// audited before its first byte leaves the vault. The destruction records of retention are exported beside these
/// by <see cref="DestructionExport"/>, from retention's <c>IDestructionRecords</c>.
/// </summary>
internal static class AuditExports
{
    private const int Batch = 1_000;

    public static readonly string[] CsvHeader =
    [
        "volgnummer", "tijdstip_utc", "actie", "persoon_id", "naam", "rollen", "onderwerp", "onderwerp_id",
        "opleidingsschool_id", "schoollocatie_id", "opname_id", "leerling_ids", "details", "ip_adres", "user_agent", "hash",
    ];

    /// <summary>Records the export (format, filter, number of rows) in the audit log.</summary>
    public static async Task<int> RecordAsync(VaultDbContext db, IAuditTrail audit, PrivacyScope scope, AuditFilter filter, string format, CancellationToken cancellationToken)
    {
        await audit.FlushDeferredAsync(cancellationToken);
        var rows = await AuditQueries.Query(db, scope, filter with { Limit = null }).CountAsync(cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AuditExported, "audit-log", null)
        {
            OpleidingsschoolId = AuditVisibility.HomeOf(scope),
            RecordingId = filter.RecordingId,
            PupilIds = filter.PupilId is { } pupil ? [pupil] : [],
            Details = new { format, rows, filter = filter with { Limit = null } },
        }, cancellationToken);
        return rows;
    }

    public static async Task WriteCsvAsync(Stream body, VaultDbContext db, PrivacyScope scope, AuditFilter filter, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteAsync(CsvText.Row(CsvHeader));
        var before = filter.Before;
        while (true)
        {
            var rows = await AuditQueries.Query(db, scope, filter with { Before = before }).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in rows)
            {
                await writer.WriteAsync(CsvText.Row(
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    e.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    e.Action,
                    e.ActorPersonId?.ToString(),
                    e.ActorName,
                    e.ActorRoles,
                    e.SubjectType,
                    e.SubjectId,
                    e.OpleidingsschoolId?.ToString(),
                    e.SchoolLocationId?.ToString(),
                    e.RecordingId?.ToString(),
                    e.PupilIds,
                    e.DetailsJson,
                    e.IpAddress,
                    e.UserAgent,
                    e.Hash));
            }

            if (rows.Count < Batch)
            {
                break;
            }

            before = rows[^1].Sequence;
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string FileName(string prefix, DateTimeOffset now, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{now.UtcDateTime:yyyyMMdd-HHmmss}.{extension}");
}
