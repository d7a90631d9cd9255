using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;

namespace Vault.Api.Storage;

/// <summary>
/// The key hierarchy: the master key (from <see cref="IMasterKeySource"/>) wraps per-recording keys stored in
/// the database. The master key is loaded once and checked against the stored check value; a mismatch stops
/// the vault (see <see cref="KeyRingStartup"/>).
/// </summary>
internal sealed class KeyRing(IMasterKeySource source, TimeProvider time, ILogger<KeyRing> logger)
{
    public const int RecordingKeyLength = 32;

    // Compiled once: every playback range unwraps its recording's key.
    private static readonly Func<VaultDbContext, Guid, CancellationToken, Task<RecordingKey?>> KeyQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, Guid keyId, CancellationToken _) => db.Set<RecordingKey>().AsNoTracking().SingleOrDefault(k => k.Id == keyId));

    private readonly SemaphoreSlim gate = new(1, 1);
    private MasterKey? master;

    /// <summary>Loads the master key and checks it against the database; throws (refusing to start) when it does not match.</summary>
    public async Task<MasterKey> OpenAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        if (master is not null)
        {
            return master;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (master is not null)
            {
                return master;
            }

            var loaded = await source.LoadAsync(cancellationToken);
            var check = await db.Set<MasterKeyCheck>().SingleOrDefaultAsync(cancellationToken);
            if (check is null)
            {
                db.Set<MasterKeyCheck>().Add(new MasterKeyCheck { MasterKeyId = loaded.Id, CheckValue = loaded.CheckValue, CreatedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Master key {MasterKeyId} registered ({Source})", loaded.Id, source.Describe);
            }
            else if (!loaded.Matches(check.CheckValue))
            {
                // A rotation may have re-wrapped the keys and stopped before the staged key was promoted.
                var staged = await source.LoadStagedAsync(cancellationToken);
                if (staged is null || !staged.Matches(check.CheckValue))
                {
                    throw new InvalidOperationException(
                        $"The master key from {source.Describe} (id {loaded.Id}) is not the key this vault's recordings are wrapped with " +
                        $"(id {check.MasterKeyId}); the vault refuses to start rather than make recordings unreadable.");
                }

                await source.PromoteAsync(cancellationToken);
                loaded = staged;
                logger.LogWarning("Finished an interrupted master-key rotation: staged key {MasterKeyId} promoted", loaded.Id);
            }

            return master = loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A fresh per-recording key: the plaintext for immediate use, and the entity holding it wrapped.</summary>
    public async Task<(RecordingKey Entity, byte[] Key)> CreateKeyAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        var current = await OpenAsync(db, cancellationToken);
        var key = RandomNumberGenerator.GetBytes(RecordingKeyLength);
        var entity = new RecordingKey { Id = Guid.NewGuid(), WrappedKey = current.Wrap(key), MasterKeyId = current.Id, CreatedAt = time.GetUtcNow() };
        db.Set<RecordingKey>().Add(entity);
        return (entity, key);
    }

    /// <summary>The plaintext per-recording key; null when it was destroyed (crypto-shredded) or never existed.</summary>
    public async Task<byte[]?> UnwrapAsync(VaultDbContext db, Guid keyId, CancellationToken cancellationToken)
    {
        var current = await OpenAsync(db, cancellationToken);
        var entity = await KeyQuery(db, keyId, cancellationToken);
        if (entity is null || entity.IsDestroyed)
        {
            return null;
        }

        return current.Unwrap(entity.WrappedKey);
    }

    /// <summary>Crypto-shredding: adds the destruction of the key to the caller's unit of work.</summary>
    public async Task DestroyAsync(VaultDbContext db, Guid keyId, CancellationToken cancellationToken)
    {
        var entity = await db.Set<RecordingKey>().SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        entity?.Destroy(time.GetUtcNow());
    }

    /// <summary>Crypto-shreds many keys at once (retention's batches): adds to the caller's unit of work, the caller saves.</summary>
    public async Task DestroyAllAsync(VaultDbContext db, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var entity in await db.Set<RecordingKey>().Where(k => keyIds.Contains(k.Id)).ToListAsync(cancellationToken))
        {
            entity.Destroy(now);
        }
    }

    /// <summary>
    /// Master-key rotation: a new key is staged, every live per-recording key is re-wrapped under it and the check
    /// value replaced in one transaction, then the new key is promoted. Media is not touched.
    /// </summary>
    public async Task<int> RotateAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        var old = await OpenAsync(db, cancellationToken);
        var next = MasterKey.Generate();
        await source.StageAsync(next, cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var keys = await db.Set<RecordingKey>().Where(k => k.DestroyedAt == null).ToListAsync(cancellationToken);
            foreach (var key in keys)
            {
                var plain = old.Unwrap(key.WrappedKey);
                key.WrappedKey = next.Wrap(plain);
                key.MasterKeyId = next.Id;
                CryptographicOperations.ZeroMemory(plain);
            }

            var check = await db.Set<MasterKeyCheck>().SingleAsync(cancellationToken);
            check.MasterKeyId = next.Id;
            check.CheckValue = next.CheckValue;
            check.RotatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await source.PromoteAsync(cancellationToken);
            master = next;
            logger.LogInformation("Master key rotated from {Old} to {New}; {Count} recording keys re-wrapped", old.Id, next.Id, keys.Count);
            return keys.Count;
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Fail closed: the vault does not start when its master key is missing or is not the one the database expects.</summary>
internal sealed class KeyRingStartup(IServiceScopeFactory scopes, KeyRing keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await keys.OpenAsync(scope.ServiceProvider.GetRequiredService<VaultDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
