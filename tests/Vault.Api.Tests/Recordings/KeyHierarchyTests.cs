using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Storage;
using Vault.Shared.Commands;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyHierarchyTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_development_master_key_file_is_created_readable_by_the_owner_only()
    {
        var mode = File.GetUnixFileMode(vault.KeyFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task A_master_key_file_readable_by_others_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("mediavault-key-");
        var file = Path.Combine(folder.FullName, "master.key");
        await File.WriteAllTextAsync(file, MasterKey.Generate().ToBase64(), Ct);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => new FileMasterKeySource(file).LoadAsync(Ct));

        Assert.Contains("refuses to start", refusal.Message, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_vault_refuses_to_start_with_a_master_key_that_did_not_wrap_its_keys()
    {
        var otherKey = Path.Combine(Path.GetTempPath(), "mediavault-tests", Guid.NewGuid().ToString("N"), "wrong.key");
        await using var impostor = new RecordingsVault()
            .With("Vault:Database:ConnectionString", $"Data Source={vault.DatabaseFile}")
            .With("Vault:Keys:KeyFile", otherKey);

        var refusal = await Assert.ThrowsAnyAsync<Exception>(async () => await impostor.InitializeAsync());

        Assert.Contains("refuses to start", Flatten(refusal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raw_blob_in_storage_holds_no_plaintext_and_decrypts_back_to_the_original()
    {
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(Temp(), seconds: 2), Ct);
        var (keyId, blobName) = await StoreAsync(media);

        var raw = await RawAsync(blobName);
        var decrypted = await ReadBackAsync(keyId, blobName, media.Length);

        PlaintextAssert.NotIn(raw, media);
        Assert.Equal(media, decrypted);
    }

    [Fact]
    public async Task Destroying_the_per_recording_key_makes_a_kept_snapshot_undecryptable()
    {
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(Temp(), seconds: 1), Ct);
        var (keyId, blobName) = await StoreAsync(media);
        var blobs = vault.Services.GetRequiredService<EncryptedBlobStore>();
        var snapshot = (await blobs.Container.GetBlobClient(blobName).CreateSnapshotAsync(cancellationToken: Ct)).Value.Snapshot;

        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            await services.GetRequiredService<KeyRing>().DestroyAsync(db, keyId, Ct);
            await db.SaveChangesAsync(Ct);
        });

        var keyAfter = await vault.WithDbAsync(async db => await vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keyId, Ct));
        var stored = await vault.WithDbAsync(db => db.Set<RecordingKey>().SingleAsync(k => k.Id == keyId, Ct));
        var snapshotClient = blobs.Container.GetBlobClient(blobName).WithSnapshot(snapshot);
        var snapshotBytes = (await snapshotClient.DownloadContentAsync(Ct)).Value.Content.ToArray();
        var guessed = blobs.Encrypted(blobName, keyId, RandomNumberGenerator.GetBytes(32)).WithSnapshot(snapshot);

        Assert.Null(keyAfter);
        Assert.Empty(stored.WrappedKey);
        Assert.True(snapshotBytes.Length > media.Length, "the snapshot's ciphertext is still there");
        PlaintextAssert.NotIn(snapshotBytes, media);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => guessed.DownloadContentAsync(Ct));
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_the_recording_keys_without_touching_media()
    {
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(Temp(), seconds: 1), Ct);
        var (keyId, blobName) = await StoreAsync(media);
        var rawBefore = await RawAsync(blobName);
        var keyFile = vault.KeyFile;
        var fileBefore = await File.ReadAllTextAsync(keyFile, Ct);
        var wrappedBefore = await vault.WithDbAsync(db => db.Set<RecordingKey>().AsNoTracking().SingleAsync(k => k.Id == keyId, Ct));

        var exit = 0;
        using var output = new StringWriter();
        await vault.WithScopeAsync(async services =>
        {
            var rotate = services.GetServices<IVaultCommand>().Single(c => c.Words.SequenceEqual(["keys", "rotate"]));
            exit = await rotate.RunAsync([], output, Ct);
        });

        var wrappedAfter = await vault.WithDbAsync(db => db.Set<RecordingKey>().AsNoTracking().SingleAsync(k => k.Id == keyId, Ct));
        var check = await vault.WithDbAsync(db => db.Set<MasterKeyCheck>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal(0, exit);
        Assert.NotEqual(fileBefore, await File.ReadAllTextAsync(keyFile, Ct));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.NotEqual(wrappedBefore.WrappedKey, wrappedAfter.WrappedKey);
        Assert.NotEqual(wrappedBefore.MasterKeyId, wrappedAfter.MasterKeyId);
        Assert.Equal(check.MasterKeyId, wrappedAfter.MasterKeyId);
        Assert.Equal(rawBefore, await RawAsync(blobName));
        Assert.Equal(media, await ReadBackAsync(keyId, blobName, media.Length));
    }

    private async Task<(Guid KeyId, string BlobName)> StoreAsync(byte[] media)
    {
        var blobName = $"tests/{Guid.NewGuid():N}";
        Guid keyId = default;
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            var store = services.GetRequiredService<EncryptedBlobStore>();
            await store.EnsureContainerAsync(Ct);
            var (entity, key) = await services.GetRequiredService<KeyRing>().CreateKeyAsync(db, Ct);
            await db.SaveChangesAsync(Ct);
            await store.UploadAsync(blobName, entity.Id, key, new MemoryStream(media), Ct);
            keyId = entity.Id;
        });
        return (keyId, blobName);
    }

    private async Task<byte[]> ReadBackAsync(Guid keyId, string blobName, long length)
    {
        var key = await vault.WithDbAsync(async db => await vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keyId, Ct));
        await using var stream = vault.Services.GetRequiredService<EncryptedBlobStore>().OpenRead(blobName, keyId, key!, length);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private async Task<byte[]> RawAsync(string blobName)
    {
        var container = vault.Services.GetRequiredService<EncryptedBlobStore>().Container;
        var plain = vault.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(container.Name).GetBlobClient(blobName);
        return (await plain.DownloadContentAsync(Ct)).Value.Content.ToArray();
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), "mediavault-tests", Guid.NewGuid().ToString("N"));

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);
}
