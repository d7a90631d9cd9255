using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// The claim on one recording's rendition job, held as a blob lease on <c>jobs/renditions/{id}</c> in the recordings
/// container. The queue delivers at least once: a message can come twice (a retried send, a visibility timeout that
/// ran out during a long encode), and with several vault instances the copies land on different workers. Only the
/// worker holding the lease encodes; the lease is renewed while it works, and when renewal fails (the lease expired
/// and another worker took it) the work is cancelled. A crashed worker's lease simply expires.
/// A blob lease rather than a database row, because the job's only shared state is in Blob Storage and the
/// rendition blob it writes; it needs no schema and works the same on Azurite and Azure.
/// </summary>
internal sealed class RenditionClaim : IAsyncDisposable
{
    /// <summary>Azure allows 15–60 seconds for a renewable lease.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly BlobClient marker;
    private readonly BlobLeaseClient lease;
    private readonly CancellationTokenSource lost;
    private readonly Task renewing;

    private RenditionClaim(BlobClient marker, BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        this.marker = marker;
        this.lease = lease;
        lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        renewing = RenewAsync();
    }

    /// <summary>Cancelled when the claim is lost (or the caller's token is): stop working at once.</summary>
    public CancellationToken Token => lost.Token;

    /// <summary>The claim, or null when another worker holds it now.</summary>
    public static async Task<RenditionClaim?> TryTakeAsync(EncryptedBlobStore blobs, Guid recordingId, CancellationToken cancellationToken)
    {
        await blobs.EnsureContainerAsync(cancellationToken);
        var marker = blobs.Container.GetBlobClient($"jobs/renditions/{recordingId:N}");
        try
        {
            // The marker holds nothing; it only carries the lease. It may exist already (a crashed worker's).
            await marker.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
        }

        var lease = marker.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null; // LeaseAlreadyPresent: another worker is on this job
        }

        return new RenditionClaim(marker, lease, cancellationToken);
    }

    private async Task RenewAsync()
    {
        try
        {
            while (!lost.IsCancellationRequested)
            {
                // A renewal interval, not a domain date: real time on purpose (the lease expires in real time).
                await Task.Delay(Duration / 3, lost.Token);
                await lease.RenewAsync(cancellationToken: lost.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException)
        {
            await lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var stillHeld = !lost.IsCancellationRequested;
        await lost.CancelAsync();
        await renewing;
        if (stillHeld)
        {
            try
            {
                await marker.DeleteIfExistsAsync(conditions: new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // Lost at the last moment: the lease expires on its own.
            }
        }

        lost.Dispose();
    }
}
