using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Storage;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// The vault encrypts staging segments and ffmpeg's output itself (faster, bounded memory) but in exactly the blob
/// SDK's client-side encryption v2 format: the SDK's own decryption — whole blob and ranged — must read it back.
/// </summary>
public sealed class EnvelopeTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EncryptedBlobStore Blobs => vault.Services.GetRequiredService<EncryptedBlobStore>();

    [Fact]
    public async Task A_segment_encrypted_in_place_is_read_back_by_the_SDK_whole_and_across_region_boundaries()
    {
        var (keyId, key, name) = (Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), $"tests/{Guid.NewGuid():N}");
        var plaintext = RandomNumberGenerator.GetBytes((9 * 1024 * 1024) + 123);

        var buffer = new byte[EnvelopeWriter.CiphertextLength(plaintext.Length)];
        plaintext.CopyTo(buffer, 0);

        await Blobs.UploadInPlaceAsync(name, keyId, key, buffer, plaintext.Length, Ct);

        Assert.Equal(-1, buffer.AsSpan().IndexOf(plaintext.AsSpan(plaintext.Length - 64, 32))); // encrypted where it was: no plaintext left in memory

        var whole = await Blobs.Encrypted(name, keyId, key).DownloadContentAsync(Ct);
        Assert.Equal(plaintext, whole.Value.Content.ToArray());
        await AssertRangeAsync(name, keyId, key, plaintext, EnvelopeWriter.RegionSize - 10, 20);
        await AssertRangeAsync(name, keyId, key, plaintext, (2 * EnvelopeWriter.RegionSize) + 5, 118);
        var raw = (await Blobs.Container.GetBlobClient(name).DownloadContentAsync(Ct)).Value;
        Assert.Equal(EnvelopeWriter.CiphertextLength(plaintext.Length), raw.Content.ToMemory().Length);
        Assert.Equal(-1, raw.Content.ToMemory().Span.IndexOf(plaintext.AsSpan(1000, 32)));
        using var envelope = JsonDocument.Parse(raw.Details.Metadata[EnvelopeWriter.MetadataKey]);
        Assert.Equal("2.0", envelope.RootElement.GetProperty("EncryptionAgent").GetProperty("Protocol").GetString());
    }

    [Fact]
    public async Task The_write_stream_commits_a_blob_the_SDK_decrypts_and_nothing_before_it_is_disposed()
    {
        var (keyId, key, name) = (Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), $"tests/{Guid.NewGuid():N}");
        // Two full blocks and a short third: a block is staged while the next one fills.
        var plaintext = RandomNumberGenerator.GetBytes((2 * SegmentBuffers.SegmentBytes) + (1024 * 1024) + 7);

        bool existedBeforeCommit;
        await using (var stream = await Blobs.OpenWriteAsync(name, keyId, key, Ct))
        {
            for (var at = 0; at < plaintext.Length; at += 300_001)
            {
                await stream.WriteAsync(plaintext.AsMemory(at, Math.Min(300_001, plaintext.Length - at)), Ct);
            }

            existedBeforeCommit = await Blobs.Container.GetBlobClient(name).ExistsAsync(Ct);
        }

        Assert.False(existedBeforeCommit);
        Assert.Equal(3, (await Blobs.Container.GetBlockBlobClient(name).GetBlockListAsync(cancellationToken: Ct)).Value.CommittedBlocks.Count());
        Assert.Equal(plaintext, (await Blobs.Encrypted(name, keyId, key).DownloadContentAsync(Ct)).Value.Content.ToArray());
        await AssertRangeAsync(name, keyId, key, plaintext, EnvelopeWriter.RegionSize - 3, 10);
    }

    [Fact]
    public async Task A_blob_written_by_the_vault_cannot_be_read_with_another_recording_key()
    {
        var (keyId, name) = (Guid.NewGuid(), $"tests/{Guid.NewGuid():N}");
        await Blobs.UploadInPlaceAsync(name, keyId, RandomNumberGenerator.GetBytes(32), new byte[EnvelopeWriter.CiphertextLength(1000)], 1000, Ct);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Blobs.Encrypted(name, keyId, RandomNumberGenerator.GetBytes(32)).DownloadContentAsync(Ct));
    }

    [Fact]
    public async Task The_vault_reads_what_the_SDK_encrypted_and_refuses_another_key_or_a_tampered_region()
    {
        var (keyId, key, name) = (Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), $"tests/{Guid.NewGuid():N}");
        var plaintext = RandomNumberGenerator.GetBytes((6 * 1024 * 1024) + 5);
        await Blobs.Encrypted(name, keyId, key).UploadAsync(new BinaryData(plaintext), Ct);

        await AssertRangeAsync(name, keyId, key, plaintext, 0, 100);
        await AssertRangeAsync(name, keyId, key, plaintext, EnvelopeWriter.SdkRegionSize - 50, 100);
        await AssertRangeAsync(name, keyId, key, plaintext, plaintext.Length - 5, 5);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => AssertRangeAsync(name, keyId, RandomNumberGenerator.GetBytes(32), plaintext, 0, 10));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => AssertRangeAsync(name, Guid.NewGuid(), key, plaintext, 0, 10));

        // One flipped ciphertext bit in the second region: that region no longer authenticates, the first still does.
        var raw = (await Blobs.Container.GetBlobClient(name).DownloadContentAsync(Ct)).Value;
        var bytes = raw.Content.ToArray();
        bytes[EnvelopeWriter.CiphertextLength(EnvelopeWriter.SdkRegionSize) + 100] ^= 1;
        await Blobs.Container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { Metadata = raw.Details.Metadata }, Ct);
        await AssertRangeAsync(name, keyId, key, plaintext, 10, 10);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => AssertRangeAsync(name, keyId, key, plaintext, EnvelopeWriter.SdkRegionSize + 10, 10));
    }

    [Fact]
    public async Task The_decrypting_stream_reads_a_hinted_range_in_one_go_and_a_whole_blob_across_its_windows()
    {
        var (keyId, key, name) = (Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), $"tests/{Guid.NewGuid():N}");
        var plaintext = RandomNumberGenerator.GetBytes(DecryptingBlobStream.DefaultWindow + (3 * EnvelopeWriter.RegionSize) + 77);
        var buffer = new byte[EnvelopeWriter.CiphertextLength(plaintext.Length)];
        plaintext.CopyTo(buffer, 0);
        await Blobs.UploadInPlaceAsync(name, keyId, key, buffer, plaintext.Length, Ct);

        // A 1 MiB range that starts and ends inside regions, as a player's seek asks it.
        var (from, count) = ((2 * EnvelopeWriter.RegionSize) + 1000, 1 << 20);
        await using (var ranged = Blobs.OpenRead(name, keyId, key, plaintext.Length, from + count))
        {
            ranged.Position = from;
            var read = new byte[count];
            var got = await ranged.ReadAsync(read, Ct); // one read fills it, across 17 regions (fewer, larger response writes)
            Assert.Equal(count, got);
            Assert.Equal(plaintext.AsSpan(from, count).ToArray(), read);
        }

        // Without a hint: sequential reads go on past the first download's window, and a seek backwards starts another.
        await using var whole = Blobs.OpenRead(name, keyId, key, plaintext.Length);
        var copy = new MemoryStream();
        await whole.CopyToAsync(copy, 100_000, Ct);
        Assert.Equal(plaintext, copy.ToArray());
        whole.Position = 5;
        var again = new byte[10];
        whole.ReadExactly(again);
        Assert.Equal(plaintext.AsSpan(5, 10).ToArray(), again);
    }

    [Fact]
    public async Task A_locked_stream_fetches_its_range_before_the_key_is_known_and_reads_nothing_until_it_is_unlocked()
    {
        var (keyId, key, name) = (Guid.NewGuid(), RandomNumberGenerator.GetBytes(32), $"tests/{Guid.NewGuid():N}");
        var plaintext = RandomNumberGenerator.GetBytes((5 * EnvelopeWriter.RegionSize) + 123);
        var buffer = new byte[EnvelopeWriter.CiphertextLength(plaintext.Length)];
        plaintext.CopyTo(buffer, 0);
        await Blobs.UploadInPlaceAsync(name, keyId, key, buffer, plaintext.Length, Ct);
        var (from, until) = (EnvelopeWriter.RegionSize + 10, (3 * EnvelopeWriter.RegionSize) + 5);

        // The range the player asked for: fetched ahead, read after the key is handed over.
        await using (var prefetched = Blobs.OpenLocked(name, keyId, plaintext.Length, until))
        {
            prefetched.Prefetch(from, Ct);
            prefetched.Position = from;
            Assert.Throws<InvalidOperationException>(() => prefetched.ReadExactly(new byte[1]));
        }

        await using (var prefetched = Blobs.OpenLocked(name, keyId, plaintext.Length, until))
        {
            prefetched.Prefetch(from, Ct);
            prefetched.Unlock(key);
            prefetched.Position = from;
            var read = new byte[until - from];
            await prefetched.ReadExactlyAsync(read, Ct);
            Assert.Equal(plaintext.AsSpan(from, until - from).ToArray(), read);
        }

        // A first read somewhere else leaves the fetched range unread and downloads its own.
        await using (var elsewhere = Blobs.OpenLocked(name, keyId, plaintext.Length, plaintext.Length))
        {
            elsewhere.Prefetch(from, Ct);
            elsewhere.Unlock(key);
            elsewhere.Position = 7;
            var read = new byte[100];
            await elsewhere.ReadExactlyAsync(read, Ct);
            Assert.Equal(plaintext.AsSpan(7, 100).ToArray(), read);
        }

        // A refused viewer's stream is disposed with its download still on the way.
        var refused = Blobs.OpenLocked(name, keyId, plaintext.Length, until);
        refused.Prefetch(from, Ct);
        await refused.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => refused.Unlock(key));
    }

    private async Task AssertRangeAsync(string name, Guid keyId, byte[] key, byte[] plaintext, int offset, int count)
    {
        await using var stream = Blobs.OpenRead(name, keyId, key, plaintext.Length);
        stream.Position = offset;
        var read = new byte[count];
        await stream.ReadExactlyAsync(read, Ct);
        Assert.Equal(plaintext.AsSpan(offset, count).ToArray(), read);
    }
}
