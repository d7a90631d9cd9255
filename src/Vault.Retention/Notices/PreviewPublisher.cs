using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Runs;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Retention.Notices;

/// <summary>
/// Publishes the preview of a yearly run: the plan as it stands, and a notice to every student and IO concerned
/// with a recording that will go, so an assessment in progress can still be finished. Publishing twice for the
/// same run date returns the first preview.
/// </summary>
internal sealed class PreviewPublisher(IRetentionDb db, DestructionRunner runner, IAuditTrail audit, TimeProvider time)
{
    public async Task<DestructionPlan> PublishAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        var existing = await db.DestructionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.RunDate == runDate, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var lines = await runner.PlanAsync(DestructionKind.Yearly, null, cancellationToken);
        var now = time.GetUtcNow();
        var plan = new DestructionPlan
        {
            Id = Guid.CreateVersion7(now),
            RunDate = runDate,
            PublishedAt = now,
            ToDestroyCount = lines.Count(l => l.Destroy),
            ToKeepCount = lines.Count(l => !l.Destroy),
            Items = [.. lines.Select(l => new DestructionPlanItem
            {
                RecordingId = l.Candidate.RecordingId,
                PlacementId = l.Candidate.PlacementId,
                SchoolLocationId = l.Candidate.SchoolLocationId,
                RecordedOn = l.Candidate.RecordedOn,
                WillBeDestroyed = l.Destroy,
                Reason = l.Reason,
            })],
        };
        db.DestructionPlans.Add(plan);
        foreach (var line in lines.Where(l => l.Destroy))
        {
            var c = line.Candidate;
            var people = new[] { (c.StudentId, VaultRoles.Student) }.Concat(c.InstituutsopleiderIds.Select(io => (io, VaultRoles.Instituutsopleider))).DistinctBy(p => p.Item1);
            foreach (var (personId, role) in people)
            {
                db.RetentionNotices.Add(new RetentionNotice
                {
                    Id = Guid.CreateVersion7(now),
                    PersonId = personId,
                    PlanId = plan.Id,
                    RecordingId = c.RecordingId,
                    PlacementId = c.PlacementId,
                    RecordedOn = c.RecordedOn,
                    RunDate = runDate,
                    Role = role,
                    CreatedAt = now,
                });
            }
        }

        audit.Record(new AuditEvent(AuditActions.DestructionPreviewPublished, "destruction-plan", plan.Id.ToString())
        {
            SystemActor = DestructionRunner.SystemActor,
            Details = new { runDate, plan.ToDestroyCount, plan.ToKeepCount },
        });
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }
}
