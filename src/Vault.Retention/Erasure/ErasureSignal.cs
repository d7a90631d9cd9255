using System.Collections.Concurrent;

namespace Vault.Retention.Erasure;

/// <summary>Wakes the <see cref="ErasureWorker"/>: an erasure order with recordings to destroy is being saved.</summary>
internal sealed class ErasureSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);
    private readonly ConcurrentDictionary<Guid, byte> requests = new();

    public void Raise(Guid requestId)
    {
        requests.TryAdd(requestId, 0);
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the worker will look once more anyway.
        }
    }

    /// <summary>The requests signalled since the last call.</summary>
    public IReadOnlyList<Guid> Drain()
    {
        var drained = new List<Guid>();
        foreach (var id in requests.Keys)
        {
            if (requests.TryRemove(id, out _))
            {
                drained.Add(id);
            }
        }

        return drained;
    }

    public Task WaitAsync(CancellationToken cancellationToken) => pending.WaitAsync(cancellationToken);
}
