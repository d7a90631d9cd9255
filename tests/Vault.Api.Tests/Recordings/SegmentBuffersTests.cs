using Vault.Api.Storage;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// The pool of exact-size segment buffers keeps each size apart: a staging segment configured to another size than the
/// remux output's 8 MiB blocks must not make either drop the other's buffers. Lengths no other code uses keep the
/// shared static pool out of other tests' way.
/// </summary>
public sealed class SegmentBuffersTests
{
    [Fact]
    public void Buffers_of_two_sizes_are_each_kept_and_handed_out_again()
    {
        var (small, large) = (new byte[12_345], new byte[54_321]);

        SegmentBuffers.Return(large);
        SegmentBuffers.Return(small);

        Assert.Same(small, SegmentBuffers.Rent(12_345));
        Assert.Same(large, SegmentBuffers.Rent(54_321));
        Assert.NotSame(large, SegmentBuffers.Rent(54_321)); // handed out once: the next is a new buffer
    }
}
