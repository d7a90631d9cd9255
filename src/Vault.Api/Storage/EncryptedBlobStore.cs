using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Vault.Api.Hosting;

namespace Vault.Api.Storage;

/// <summary>
/// The recordings container, always through client-side encryption v2 with a per-recording key. The storage
/// account stays private: the vault never hands out SAS URLs; all reading goes through the vault.
/// </summary>
internal sealed class EncryptedBlobStore(BlobServiceClient service, IOptions<VaultOptions> options)
{
    private BlobContainerClient? container;

    public BlobContainerClient Container => container ??= service.GetBlobContainerClient(options.Value.Storage.RecordingsContainer);

    private volatile bool containerReady;

    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!containerReady)
        {
            await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            containerReady = true;
        }
    }

    public BlobClient Encrypted(string blobName, Guid keyId, byte[] key) =>
        Container.GetBlobClient(blobName).WithClientSideEncryptionOptions(VaultEncryption.For(keyId, key));

    /// <summary>Encrypts and uploads <paramref name="plaintext"/>; returns the number of plaintext bytes.</summary>
    public async Task<long> UploadAsync(string blobName, Guid keyId, byte[] key, Stream plaintext, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var counting = new CountingStream(plaintext);
        await Encrypted(blobName, keyId, key).UploadAsync(counting, new BlobUploadOptions
        {
            TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = 8 * 1024 * 1024, MaximumTransferSize = 8 * 1024 * 1024, MaximumConcurrency = 2 },
        }, cancellationToken);
        return counting.BytesRead;
    }

    /// <summary>
    /// Encrypts a segment that is already in memory, in place (client-side encryption v2 format, see
    /// <see cref="EnvelopeWriter.EncryptInPlace"/>: <paramref name="buffer"/> must have room for the ciphertext and
    /// holds no plaintext afterwards), and stores it with one Put Blob.
    /// </summary>
    public async Task UploadInPlaceAsync(string blobName, Guid keyId, byte[] key, byte[] buffer, int plaintextLength, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var (length, envelope) = EnvelopeWriter.EncryptInPlace(buffer, plaintextLength, keyId, key);
        using var content = new MemoryStream(buffer, 0, length, writable: false);
        // BlockBlobClient.UploadAsync is the Put Blob operation itself. BlobClient.UploadAsync partitions: with the
        // segment's length as its single-shot threshold it still staged 4 MiB blocks and committed a list (three
        // blocks and a commit per 8 MiB segment, and a checksum of every block computed by the service).
        await Container.GetBlockBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [EnvelopeWriter.MetadataKey] = envelope },
        }, cancellationToken);
    }

    /// <summary>A write stream that encrypts as it goes (for ffmpeg's output, client-side encryption v2 format); nothing is committed until it is disposed.</summary>
    public async Task<Stream> OpenWriteAsync(string blobName, Guid keyId, byte[] key, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        return new EnvelopeBlockStream(Container.GetBlockBlobClient(blobName), new EnvelopeWriter.RegionEncryptor(keyId, key));
    }

    /// <summary>
    /// A seekable decrypting read stream of known plaintext length; <paramref name="readUntil"/> (exclusive), when the
    /// caller knows where it will stop, lets the first read fetch everything up to there in one download.
    /// </summary>
    public Stream OpenRead(string blobName, Guid keyId, byte[] key, long length, long? readUntil = null) =>
        new DecryptingBlobStream(Container.GetBlobClient(blobName), keyId, key, length) { ReadHintEnd = readUntil };

    /// <summary>
    /// A read up to <paramref name="readUntil"/> that has no key yet: it can <see cref="DecryptingBlobStream.Prefetch"/>
    /// its download while the caller decides, and reads only after <see cref="DecryptingBlobStream.Unlock"/>.
    /// </summary>
    internal DecryptingBlobStream OpenLocked(string blobName, Guid keyId, long length, long readUntil) =>
        new(Container.GetBlobClient(blobName), keyId, null, length) { ReadHintEnd = readUntil };

    /// <summary>
    /// Deletes the blob and its snapshots (the key is destroyed separately: crypto-shredding covers copies we cannot
    /// reach); false when there was nothing to delete, also when the container itself is gone.
    /// </summary>
    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await DeleteAsync(blob.Name, cancellationToken);
        }
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
