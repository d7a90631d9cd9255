using System.Globalization;
using Vault.Shared.Auditing;
using Vault.Shared.Commands;

namespace Vault.Api.Audit;

/// <summary>
/// <c>Vault.Api audit verify</c>: recomputes the chain, compares it with the checkpoints and, when intact, writes a
/// fresh checkpoint of the head. Exit code 0 intact, 1 broken (the first untrusted entry is printed), 64 bad usage.
/// </summary>
internal sealed class AuditVerifyCommand(AuditVerifier verifier, AuditCheckpointWriter checkpoints, IAuditTrail audit) : IVaultCommand
{
    public IReadOnlyList<string> Words { get; } = ["audit", "verify"];

    public string Description => "Hashketen en checkpoints van het auditlog controleren / verify the audit chain and its checkpoints";

    public async Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Count > 0)
        {
            await output.WriteLineAsync($"Onbekende optie / unknown option: {string.Join(' ', options)}");
            return 64;
        }

        var result = await verifier.VerifyAsync(cancellationToken);
        await audit.RecordNowAsync(AuditEndpoints.VerifiedEvent(result, "audit verify"), cancellationToken);
        if (!result.Intact)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"GEBROKEN / BROKEN at entry {result.FirstBrokenSequence}: {result.Problem} ({result.EntriesChecked} entries checked, {result.CheckpointsChecked} checkpoints)"));
            return 1;
        }

        var checkpoint = await checkpoints.WriteHeadAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"INTACT: {result.EntriesChecked} entries, {result.CheckpointsChecked} checkpoints match; head {result.HeadHash}; checkpoint written at entry {checkpoint?.Sequence} ({checkpoint?.Blob})"));
        return 0;
    }
}
