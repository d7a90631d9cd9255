using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vault.Retention.Erasure;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

/// <summary>
/// The destruction records of retention (R7, R13, AVG art. 17) as a formula-safe CSV, within the officer's scope.
/// Retention provides the records through <see cref="IDestructionRecords"/>; a host without it answers 404.
/// </summary>
internal static class DestructionExport
{
    public static void MapDestructionExport(this RouteGroupBuilder privacy) =>
        privacy.MapGet("/destructions.csv", Export).WithName("PrivacyDestructionsCsv")
            .WithSummary("Vernietigingsverslagen exporteren als CSV / Export the destruction records as CSV");

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> Export(
        DateTimeOffset? from, DateTimeOffset? to, ICurrentActor actor, IAuditTrail audit, TimeProvider time, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && from > to)
        {
            return VaultProblems.Invalid("from", Text.T("'Vanaf' ligt na 'tot en met'.", "'From' is after 'to'."));
        }

        var records = services.GetService<IDestructionRecords>();
        if (records is null)
        {
            return VaultProblems.NotFoundProblem(Text.T(
                "Vernietigingsverslagen zijn er pas als de module bewaarbeheer ze levert.", "Destruction records are available once the retention module provides them."));
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AuditExported, "destruction-records", null)
        {
            OpleidingsschoolId = AuditVisibility.HomeOf(scope),
            Details = new { format = "destructions-csv", from, to },
        }, cancellationToken);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            await writer.WriteAsync(CsvText.Row("opname_id", "vernietigd_utc", "soort", "run_id", "opleidingsschool_id", "schoollocatie_id", "reden", "door"));
            await foreach (var r in records.ReadAsync(scope, from, to, cancellationToken))
            {
                await writer.WriteAsync(CsvText.Row(
                    r.RecordingId.ToString(), r.DestroyedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), r.Kind,
                    r.RunId?.ToString(), r.OpleidingsschoolId?.ToString(), r.SchoolLocationId?.ToString(), r.Reason, r.ActorName));
            }

            await writer.FlushAsync(cancellationToken);
        }, "text/csv; charset=utf-8", AuditExports.FileName("vernietigingen", time.GetUtcNow(), "csv"));
    }
}
