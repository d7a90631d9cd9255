namespace Vault.Retention.Erasure;

/// <summary>Wakes the <see cref="ErasureWorker"/>: an erasure order with recordings to destroy was saved.</summary>
internal sealed class ErasureSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Raise()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the worker will look once more anyway.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => pending.WaitAsync(cancellationToken);
}
