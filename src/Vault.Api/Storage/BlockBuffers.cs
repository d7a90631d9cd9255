using System.Buffers;

namespace Vault.Api.Storage;

/// <summary>
/// The pool for the media path's region and copy buffers (up to 4 MiB; whole blocks come from
/// <see cref="SegmentBuffers"/>). <c>ArrayPool.Shared</c> keeps large arrays per thread and per core, which after a
/// load of concurrent uploads and viewers held hundreds of MB that a full collection could not reclaim; this pool keeps
/// at most <see cref="Retained"/> arrays of each size, so what it holds is bounded (≈ 100 MB for the 4 MiB bucket)
/// whatever the concurrency, and beyond that buffers are ordinary garbage.
/// </summary>
internal static class BlockBuffers
{
    public const int Retained = 24;

    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 * 1024 * 1024, maxArraysPerBucket: Retained);
}
