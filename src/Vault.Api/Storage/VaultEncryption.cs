using System.Security.Cryptography;
using Azure.Core.Cryptography;
using Azure.Storage;

namespace Vault.Api.Storage;

/// <summary>
/// The one place that chooses the blob SDK's client-side encryption: always version 2 (AES-256-GCM in 4 MiB
/// authenticated regions), with a per-recording key as key-encryption key. Version 1 (AES-CBC, unauthenticated)
/// is banned everywhere through BannedSymbols.txt.
/// </summary>
internal static class VaultEncryption
{
    /// <summary>AES-256 key wrap with padding (RFC 5649), as .NET's <c>Aes.EncryptKeyWrapPadded</c> does; recorded in each blob's encryption metadata.</summary>
    public const string KeyWrapAlgorithm = "A256KWP";

    public static ClientSideEncryptionOptions For(Guid keyId, byte[] recordingKey)
    {
        var kek = new RecordingKeyEncryptionKey(keyId, recordingKey);
#pragma warning disable RS0030 // ClientSideEncryptionVersion is banned so that nobody picks V1_0; this is the single, deliberate use of V2_0.
        return new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0)
#pragma warning restore RS0030
        {
            KeyEncryptionKey = kek,
            KeyResolver = new SingleKeyResolver(kek),
            KeyWrapAlgorithm = KeyWrapAlgorithm,
        };
    }

    /// <summary>Wraps the blob's content key with AES key wrap with padding (RFC 5649) under the per-recording key.</summary>
    private sealed class RecordingKeyEncryptionKey(Guid keyId, byte[] key) : IKeyEncryptionKey
    {
        public string KeyId { get; } = keyId.ToString("N");

        public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key1, CancellationToken cancellationToken = default)
        {
            RequireAlgorithm(algorithm);
            using var aes = Aes.Create();
            aes.Key = key;
            return aes.EncryptKeyWrapPadded(key1.Span);
        }

        public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key1, CancellationToken cancellationToken = default) =>
            Task.FromResult(WrapKey(algorithm, key1, cancellationToken));

        public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
        {
            RequireAlgorithm(algorithm);
            using var aes = Aes.Create();
            aes.Key = key;
            return aes.DecryptKeyWrapPadded(encryptedKey.Span);
        }

        public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

        private static void RequireAlgorithm(string algorithm)
        {
            if (!string.Equals(algorithm, KeyWrapAlgorithm, StringComparison.Ordinal))
            {
                throw new CryptographicException($"Key wrap algorithm {algorithm} is not used by the vault.");
            }
        }
    }

    /// <summary>Resolves only the blob's own key: a blob claiming another key id cannot be decrypted with this one.</summary>
    private sealed class SingleKeyResolver(IKeyEncryptionKey kek) : IKeyEncryptionKeyResolver
    {
        public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) =>
            string.Equals(keyId, kek.KeyId, StringComparison.Ordinal)
                ? kek
                : throw new CryptographicException($"The blob was encrypted with key {keyId}, not with {kek.KeyId}.");

        public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Resolve(keyId, cancellationToken));
    }
}
