using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Consent.Gate;
using Vault.Retention.Erasure;
using Vault.Testing;

namespace Vault.Api.Tests.Audit;

/// <summary>
/// The vault with stand-ins for the two ports that other branches implement: the consent module's presence lists
/// (<see cref="IUploadGate.RecordingsWithPupilAsync"/>) and retention's <see cref="IErasureHandler"/>. Only the
/// methods this workspace calls are implemented. Remove once the consent and retention branches are merged and the
/// tests can arrange real uploads and real retention.
/// </summary>
public sealed class VaultWithPortsFactory : VaultApiFactory
{
    public PresenceListsStandIn PresenceLists { get; } = new();

    public RecordingErasureStandIn Retention { get; } = new();

    public DestructionRecordsStandIn Destructions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IUploadGate>(PresenceLists);
            services.AddSingleton<IErasureHandler>(Retention);
            services.AddSingleton<IDestructionRecords>(Destructions);
        });
    }
}

public sealed class PresenceListsStandIn : IUploadGate
{
    public Task<IReadOnlyList<string>> ConditionsForRecordingAsync(Guid recordingId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    private readonly ConcurrentDictionary<Guid, List<Guid>> recordingsByPupil = new();

    public void Add(Guid recordingId, params Guid[] pupils)
    {
        foreach (var pupil in pupils)
        {
            recordingsByPupil.AddOrUpdate(pupil, _ => [recordingId], (_, list) => [.. list, recordingId]);
        }
    }

    public Task<IReadOnlyList<Guid>> RecordingsWithPupilAsync(Guid pupilId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>(recordingsByPupil.TryGetValue(pupilId, out var list) ? [.. list] : []);

    public Task ForgetPresenceAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        foreach (var pupil in recordingsByPupil.Keys)
        {
            recordingsByPupil.AddOrUpdate(pupil, _ => [], (_, list) => [.. list.Where(r => !recordingIds.Contains(r))]);
        }

        return Task.CompletedTask;
    }

    public Task<TicketValidation> ValidateTicketAsync(Guid ticketId, Guid studentId, CaptureMode capture, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GateRecheck> RecheckAsync(Guid ticketId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RedeemAsync(Guid ticketId, Guid recordingId, CancellationToken cancellationToken) => throw new NotSupportedException();
}

public sealed class RecordingErasureStandIn : IErasureHandler
{
    public ConcurrentQueue<ErasureOrder> Orders { get; } = new();

    /// <summary>Recordings this stand-in destroys at once; all others are left pending.</summary>
    public ConcurrentDictionary<Guid, bool> DestroyAtOnce { get; } = new();

    public Task<IReadOnlyList<ErasureRecordingResult>> AcceptAsync(ErasureOrder order, CancellationToken cancellationToken)
    {
        Orders.Enqueue(order);
        return Task.FromResult<IReadOnlyList<ErasureRecordingResult>>(
            [.. order.RecordingIds.Select(r => new ErasureRecordingResult(r, DestroyAtOnce.ContainsKey(r) ? ErasureOutcome.Destroyed : ErasureOutcome.Pending, null))]);
    }
}

public sealed class DestructionRecordsStandIn : IDestructionRecords
{
    public List<DestructionRecord> Records { get; } = [];

    public async IAsyncEnumerable<DestructionRecord> ReadAsync(
        Vault.Shared.Identity.PrivacyScope scope, DateTimeOffset? from, DateTimeOffset? to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in Records.Where(r => r.OpleidingsschoolId is { } school && scope.OpleidingsschoolIds.Contains(school)))
        {
            await Task.Yield();
            yield return record;
        }
    }
}
