using System.Security.Cryptography;
using System.Text;

namespace Vault.Api.Storage;

/// <summary>
/// The vault's 256-bit master key. It never encrypts media: it only wraps the per-recording keys held in the
/// database. Its check value (an HMAC of a fixed label) is stored so that a wrong key is noticed at start-up
/// instead of silently producing undecryptable recordings.
/// </summary>
internal sealed class MasterKey
{
    public const int Length = 32;
    private static readonly byte[] CheckLabel = Encoding.ASCII.GetBytes("MediaVault master key check v1");
    private readonly byte[] key;

    public MasterKey(byte[] key)
    {
        if (key.Length != Length)
        {
            throw new InvalidOperationException($"The master key must be {Length} bytes; it is {key.Length}.");
        }

        this.key = key;
        CheckValue = HMACSHA256.HashData(key, CheckLabel);
        Id = Convert.ToHexStringLower(CheckValue.AsSpan(0, 8));
    }

    /// <summary>A short public identifier (derived from the check value), recorded with every wrapped key.</summary>
    public string Id { get; }

    public byte[] CheckValue { get; }

    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    public string ToBase64() => Convert.ToBase64String(key);

    /// <summary>AES key wrap with padding (RFC 5649) of a per-recording key.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> recordingKey)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptKeyWrapPadded(recordingKey);
    }

    public byte[] Unwrap(ReadOnlySpan<byte> wrapped)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.DecryptKeyWrapPadded(wrapped);
    }

    public bool Matches(ReadOnlySpan<byte> checkValue) => CryptographicOperations.FixedTimeEquals(CheckValue, checkValue);
}
