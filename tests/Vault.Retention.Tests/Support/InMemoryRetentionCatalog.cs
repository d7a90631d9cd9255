using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Vault.Retention.Ports;

namespace Vault.Retention.Tests.Support;

/// <summary>
/// TEST DOUBLE — a stand-in for the host's recordings catalogue, which is built in parallel and wired in after the
/// merge. It keeps recordings in memory and counts, per recording, how often destruction was asked for and how
/// often something was really destroyed, so tests can prove that nothing is destroyed twice. Hooks let a test
/// kill a run mid-way or make destruction fail. Integration tests against real recordings (Azurite blobs, key
/// shredding) replace this after the merge.
/// </summary>
public sealed class InMemoryRetentionCatalog : IRetentionCatalog
{
    private readonly ConcurrentDictionary<Guid, RetentionCandidate> live = new();
    private readonly ConcurrentDictionary<Guid, RetentionCandidate> gone = new();
    private readonly ConcurrentDictionary<Guid, int> destructions = new();
    private readonly ConcurrentDictionary<Guid, int> calls = new();
    private int totalCalls;

    /// <summary>Runs before each destroy call with the call's number (1-based); may throw or cancel.</summary>
    public Func<int, Guid, CancellationToken, Task>? BeforeDestroy { get; set; }

    /// <summary>Runs after a recording was really destroyed, before the call returns; may throw to simulate a crash.</summary>
    public Func<int, Guid, CancellationToken, Task>? AfterDestroy { get; set; }

    /// <summary>Runs as the candidates are listed, before the first is returned (a run that takes its time).</summary>
    public Action? WhileListing { get; set; }

    public int TotalCalls => totalCalls;

    public void Add(params RetentionCandidate[] recordings)
    {
        foreach (var r in recordings)
        {
            live[r.RecordingId] = r;
        }
    }

    public void Update(Guid recordingId, Func<RetentionCandidate, RetentionCandidate> change) => live[recordingId] = change(live[recordingId]);

    public bool Exists(Guid recordingId) => live.ContainsKey(recordingId);

    /// <summary>How many times the recording was really destroyed (0 or 1 if all is well).</summary>
    public int DestructionsOf(Guid recordingId) => destructions.GetValueOrDefault(recordingId);

    public int CallsFor(Guid recordingId) => calls.GetValueOrDefault(recordingId);

    public int DestroyedCount => destructions.Values.Sum();

    public async IAsyncEnumerable<RetentionCandidate> CandidatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WhileListing?.Invoke();
        foreach (var candidate in live.Values.OrderBy(c => c.RecordingId).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return candidate;
        }

        await Task.CompletedTask;
    }

    public async Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref totalCalls);
        calls.AddOrUpdate(recordingId, 1, (_, n) => n + 1);
        if (BeforeDestroy is { } before)
        {
            await before(call, recordingId, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        if (!live.TryRemove(recordingId, out var recording))
        {
            // Idempotent, as the port requires: already gone, nothing left to do.
            var known = gone.GetValueOrDefault(recordingId);
            return new DestroyedRecording(recordingId, known?.PlacementId ?? Guid.Empty, known?.RecordedOn ?? default, 0, false);
        }

        gone[recordingId] = recording;
        destructions.AddOrUpdate(recordingId, 1, (_, n) => n + 1);
        if (AfterDestroy is { } after)
        {
            await after(call, recordingId, cancellationToken);
        }

        return new DestroyedRecording(recordingId, recording.PlacementId, recording.RecordedOn, 4, true);
    }
}
