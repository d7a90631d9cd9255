using System.Collections.Concurrent;

namespace Vault.Api.Storage;

/// <summary>
/// Segment buffers of exact sizes (a segment plus its encryption overhead), kept for reuse up to a small bound per size.
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

    // A queue per exact length: a staging segment configured to another size than the remux output's blocks keeps its
    // own buffers instead of each size dropping the other's (in practice one length, two with such a setting).
    private static readonly ConcurrentDictionary<int, ConcurrentQueue<byte[]>> Free = new();

    public static byte[] Rent(int length) =>
        Free.TryGetValue(length, out var queue) && queue.TryDequeue(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(length);

    /// <summary>Keeps the buffer (cleared of any plaintext by the caller; ciphertext may stay) unless enough of its length are kept.</summary>
    public static void Return(byte[] buffer)
    {
        var queue = Free.GetOrAdd(buffer.Length, _ => new ConcurrentQueue<byte[]>());
        if (queue.Count < Retained)
        {
            queue.Enqueue(buffer);
        }
    }
}
