using System.Collections.Concurrent;

namespace Vault.Api.Recordings;

/// <summary>
/// Segment buffers of one exact size (a segment plus its encryption overhead), kept for reuse up to a small bound.
/// <c>ArrayPool.Shared</c> rounds up to the next power of two — 16 MiB for an 8 MiB segment with its 56 bytes of
/// tags and nonces — and allocating per segment would churn the large-object heap; this keeps upload memory flat.
/// </summary>
internal static class SegmentBuffers
{
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

    /// <summary>Keeps the (already cleared) buffer unless enough are kept.</summary>
    public static void Return(byte[] buffer)
    {
        if (Free.Count < Retained)
        {
            Free.Enqueue(buffer);
        }
    }
}
