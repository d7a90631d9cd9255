namespace Vault.Api.Storage;

/// <summary>
/// A forward-only write stream that counts what is written: the shape of the vault's encrypting, hashing and indexing
/// writers. Reading and seeking are not supported; <see cref="Length"/> and <see cref="Position"/> are the bytes written.
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    public long Written { get; protected set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
