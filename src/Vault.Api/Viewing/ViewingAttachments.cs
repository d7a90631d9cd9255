using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings;

namespace Vault.Api.Viewing;

/// <summary>R7/R13: comments (which may mention pupils), clips and extra assessors go with the recording.</summary>
internal sealed class ViewingAttachments(VaultDbContext db) : IRecordingAttachments
{
    public async Task<int> DeleteAllAsync(Guid recordingId, CancellationToken cancellationToken)
    {
        var comments = await db.Set<RecordingComment>().Where(c => c.RecordingId == recordingId).ToListAsync(cancellationToken);
        var clips = await db.Set<RecordingClip>().Where(c => c.RecordingId == recordingId).ToListAsync(cancellationToken);
        var assessors = await db.Set<ExtraAssessor>().Where(a => a.RecordingId == recordingId).ToListAsync(cancellationToken);
        db.RemoveRange(comments);
        db.RemoveRange(clips);
        db.RemoveRange(assessors);
        return comments.Count + clips.Count + assessors.Count;
    }

    public async Task<int> DeleteAllAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        var comments = await db.Set<RecordingComment>().Where(c => recordingIds.Contains(c.RecordingId)).ToListAsync(cancellationToken);
        var clips = await db.Set<RecordingClip>().Where(c => recordingIds.Contains(c.RecordingId)).ToListAsync(cancellationToken);
        var assessors = await db.Set<ExtraAssessor>().Where(a => recordingIds.Contains(a.RecordingId)).ToListAsync(cancellationToken);
        db.RemoveRange(comments);
        db.RemoveRange(clips);
        db.RemoveRange(assessors);
        return comments.Count + clips.Count + assessors.Count;
    }
}
