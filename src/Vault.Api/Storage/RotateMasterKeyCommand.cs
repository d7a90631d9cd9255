using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Commands;

namespace Vault.Api.Storage;

/// <summary><c>Vault.Api keys rotate</c>: a new master key; every per-recording key is re-wrapped, no media is touched.</summary>
internal sealed class RotateMasterKeyCommand(KeyRing keys, VaultDbContext db, IAuditTrail audit) : IVaultCommand
{
    public IReadOnlyList<string> Words { get; } = ["keys", "rotate"];

    public string Description => "Nieuwe hoofdsleutel; sleutels per opname opnieuw verpakt / rotate the master key";

    public async Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, CancellationToken cancellationToken)
    {
        var count = await keys.RotateAsync(db, cancellationToken);
        var current = await keys.OpenAsync(db, cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.MasterKeyRotated, "MasterKey", current.Id)
        {
            Details = new { rewrapped = count },
            SystemActor = "keys rotate",
        }, cancellationToken);
        await output.WriteLineAsync($"Hoofdsleutel vervangen door {current.Id}; {count} sleutels opnieuw verpakt. / Master key rotated to {current.Id}; {count} keys re-wrapped.");
        return 0;
    }
}
