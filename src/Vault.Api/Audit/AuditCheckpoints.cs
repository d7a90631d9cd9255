using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;

namespace Vault.Api.Audit;

/// <summary>A recorded head of the chain: at <see cref="WrittenAt"/> the log ended at <see cref="Sequence"/> with <see cref="Hash"/>.</summary>
public sealed record AuditCheckpoint(DateTimeOffset WrittenAt, long Sequence, string Hash, string Blob);

/// <summary>All checkpoints read back, and the lines that could not be read (a sign of tampering with the blob itself).</summary>
public sealed record AuditCheckpointSet(IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> MalformedLines);

/// <summary>
/// Tamper evidence outside the database: the chain's head is appended, one line per checkpoint
/// (<c>time sequence hash</c>), to an append blob per month. A rewritten or truncated tail of the log, even one
/// whose hashes were recomputed to be self-consistent, no longer matches these lines.
/// </summary>
public sealed class AuditCheckpointStore(BlobServiceClient blobs, IOptions<AuditOptions> options, TimeProvider time)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(options.Value.CheckpointContainer);

    public static string BlobName(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".log";

    public static string Line(AuditCheckpoint checkpoint) =>
        string.Create(CultureInfo.InvariantCulture, $"{checkpoint.WrittenAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ} {checkpoint.Sequence} {checkpoint.Hash}\n");

    /// <summary>Appends the head (sequence, hash) to this month's checkpoint blob.</summary>
    public async Task<AuditCheckpoint> AppendAsync(long sequence, string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var checkpoint = new AuditCheckpoint(now, sequence, hash, BlobName(now));
        var blob = Container.GetAppendBlobClient(checkpoint.Blob);
        try
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        using var content = new MemoryStream(Encoding.UTF8.GetBytes(Line(checkpoint)));
        await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
        return checkpoint;
    }

    /// <summary>Reads every checkpoint, in blob and line order.</summary>
    public async Task<AuditCheckpointSet> ReadAllAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new List<AuditCheckpoint>();
        var malformed = new List<string>();
        if (!await Container.ExistsAsync(cancellationToken))
        {
            return new AuditCheckpointSet(checkpoints, malformed);
        }

        await foreach (var item in Container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = await Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var lineNumber = 0;
            foreach (var line in content.Value.Content.ToString().Split('\n'))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                if (TryParse(line, item.Name, out var checkpoint))
                {
                    checkpoints.Add(checkpoint);
                }
                else
                {
                    malformed.Add($"{item.Name}:{lineNumber}");
                }
            }
        }

        return new AuditCheckpointSet(checkpoints, malformed);
    }

    private static bool TryParse(string line, string blob, out AuditCheckpoint checkpoint)
    {
        checkpoint = null!;
        var parts = line.Split(' ');
        if (parts.Length != 3
            || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || parts[2].Length != 64)
        {
            return false;
        }

        checkpoint = new AuditCheckpoint(at, sequence, parts[2], blob);
        return true;
    }
}

/// <summary>Writes the current head of the chain as a checkpoint (the periodic service and <c>audit verify</c>).</summary>
public sealed class AuditCheckpointWriter(VaultDbContext db, AuditCheckpointStore store)
{
    /// <summary>Checkpoints the head; null when the log is still empty or the head is already <paramref name="unlessSequence"/>.</summary>
    public async Task<AuditCheckpoint?> WriteHeadAsync(CancellationToken cancellationToken, long? unlessSequence = null)
    {
        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (head is null || head.Sequence == unlessSequence)
        {
            return null;
        }

        return await store.AppendAsync(head.Sequence, head.Hash, cancellationToken);
    }
}
