using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>Ciphertext must show nothing of the media: no MP4 box names, no sample bytes.</summary>
internal static class PlaintextAssert
{
    public static void NotIn(byte[] raw, byte[] plaintext)
    {
        Assert.Equal(-1, raw.AsSpan().IndexOf("ftyp"u8));
        Assert.Equal(-1, raw.AsSpan().IndexOf("moov"u8));
        Assert.Equal(-1, raw.AsSpan().IndexOf("mdat"u8));
        // Sample bytes: 32-byte windows taken across the whole file must not appear in the ciphertext.
        for (var offset = 64; offset + 32 < plaintext.Length; offset += Math.Max(1, plaintext.Length / 50))
        {
            Assert.Equal(-1, raw.AsSpan().IndexOf(plaintext.AsSpan(offset, 32)));
        }
    }
}
