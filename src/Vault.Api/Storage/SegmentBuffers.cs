using System.Collections.Concurrent;

namespace Vault.Api.Storage;

/// <summary>
/// Segment buffers of one exact size (a segment plus its encryption overhead), kept for reuse up to a small bound.
/// <c>ArrayPool.Shared</c> rounds up to the next power of two — 16 MiB for an 8 MiB segment with its 56 bytes of
/// tags and nonces — and allocating per segment would churn the large-object heap; this keeps upload memory flat.
/// The upload's staging segments and the blocks of <see cref="EnvelopeBlockStream"/> (the completion's remux output)
/// take the same size, so an upload's completion reuses the buffers its PATCHes left here instead of adding its own.
/// </summary>
internal static class SegmentBuffers
{
    /// <summary>The default staging segment, and the block of <see cref="EnvelopeBlockStream"/>: 128 regions.</summary>
    public const int SegmentBytes = 8 * 1024 * 1024;

    /// <summary>The pooled length for <see cref="SegmentBytes"/> of plaintext: room to encrypt it in place.</summary>
    public static readonly int Length = EnvelopeWriter.CiphertextLength(SegmentBytes);

    private const int Retained = 8;
    private static readonly ConcurrentQueue<byte[]> Free = new();

    public static byte[] Rent(int length)
    {
        while (Free.TryDequeue(out var buffer))
        {
            if (buffer.Length == length)
            {
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Keeps the buffer (cleared of any plaintext by the caller; ciphertext may stay) unless enough are kept.</summary>
    public static void Return(byte[] buffer)
    {
        if (Free.Count < Retained)
        {
            Free.Enqueue(buffer);
        }
    }
}
