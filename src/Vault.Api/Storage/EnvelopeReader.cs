using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vault.Api.Storage;

/// <summary>
/// Opens a blob's client-side encryption v2 envelope (the <c>encryptiondata</c> metadata, whether the SDK or
/// <see cref="EnvelopeWriter"/> wrote it) with the per-recording key, and decrypts its regions. Everything the
/// SDK's own resolver checks is checked: protocol 2.0 with AES-256-GCM, the vault's key-wrap algorithm, the key id
/// of this very recording key, and the protocol prefix inside the wrapped key. Anything else is a
/// <see cref="CryptographicException"/>: the vault never reads a blob it cannot authenticate.
/// </summary>
internal sealed class EnvelopeReader : IDisposable
{
    private const int TagSize = 16;
    private static readonly byte[] ProtocolPrefix = Encoding.UTF8.GetBytes("2.0\0\0\0\0\0");
    private readonly AesGcm gcm;

    private EnvelopeReader(AesGcm gcm, int regionSize, int nonceSize)
    {
        this.gcm = gcm;
        RegionSize = regionSize;
        NonceSize = nonceSize;
    }

    public int RegionSize { get; }

    public int NonceSize { get; }

    public int Overhead => NonceSize + TagSize;

    public static EnvelopeReader Open(IDictionary<string, string> metadata, Guid keyId, byte[] recordingKey)
    {
        var json = metadata.FirstOrDefault(m => string.Equals(m.Key, EnvelopeWriter.MetadataKey, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new CryptographicException("The blob has no client-side encryption envelope.");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var agent = root.GetProperty("EncryptionAgent");
        var wrapped = root.GetProperty("WrappedContentKey");
        var regions = root.GetProperty("EncryptedRegionInfo");
        Require(agent.GetProperty("Protocol").GetString() == "2.0" && agent.GetProperty("EncryptionAlgorithm").GetString() == "AES_GCM_256", "The blob is not client-side encryption v2 (AES-256-GCM).");
        Require(wrapped.GetProperty("Algorithm").GetString() == VaultEncryption.KeyWrapAlgorithm, "The blob's content key is wrapped with another algorithm.");
        Require(wrapped.GetProperty("KeyId").GetString() == keyId.ToString("N"), $"The blob was encrypted with key {wrapped.GetProperty("KeyId").GetString()}, not with {keyId:N}.");
        var regionSize = regions.GetProperty("DataLength").GetInt32();
        var nonceSize = regions.GetProperty("NonceLength").GetInt32();
        Require(regionSize > 0 && nonceSize == 12, "The blob's encryption regions are not as client-side encryption v2 writes them.");

        using var aes = Aes.Create();
        aes.Key = recordingKey;
        var unwrapped = aes.DecryptKeyWrapPadded(Convert.FromBase64String(wrapped.GetProperty("EncryptedKey").GetString()!));
        try
        {
            Require(unwrapped.Length == ProtocolPrefix.Length + 32 && unwrapped.AsSpan(0, ProtocolPrefix.Length).SequenceEqual(ProtocolPrefix), "The blob's content key is not a v2 key.");
            return new EnvelopeReader(new AesGcm(unwrapped.AsSpan(ProtocolPrefix.Length), TagSize), regionSize, nonceSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unwrapped);
        }
    }

    /// <summary>Where region <paramref name="index"/> starts in the ciphertext.</summary>
    public long CiphertextOffset(long index) => index * (RegionSize + (long)Overhead);

    /// <summary>Authenticates and decrypts one region (nonce ‖ ciphertext ‖ tag) into <paramref name="plaintext"/>; returns its length.</summary>
    public int Decrypt(ReadOnlySpan<byte> region, Span<byte> plaintext)
    {
        var length = region.Length - Overhead;
        gcm.Decrypt(region[..NonceSize], region.Slice(NonceSize, length), region[^TagSize..], plaintext[..length]);
        return length;
    }

    public void Dispose() => gcm.Dispose();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CryptographicException(message);
        }
    }
}
