using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Consent.Gate;
using Vault.Testing;

namespace Vault.Consent.Tests;

/// <summary>The vault with a withdrawal listener that remembers what it was told (the recordings feature lives elsewhere).</summary>
public sealed class ConsentVaultFactory : VaultApiFactory
{
    public RememberingWithdrawalListener Withdrawals { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IConsentWithdrawalListener>(Withdrawals));
    }
}

public sealed record WithdrawalCall(Guid PupilId, IReadOnlyList<Guid> RecordingIds, string Medium);

public sealed class RememberingWithdrawalListener : IConsentWithdrawalListener
{
    public ConcurrentQueue<WithdrawalCall> Calls { get; } = new();

    public Task OnConsentWithdrawnAsync(Guid pupilId, IReadOnlyList<Guid> recordingIds, string medium, CancellationToken cancellationToken)
    {
        Calls.Enqueue(new WithdrawalCall(pupilId, recordingIds, medium));
        return Task.CompletedTask;
    }
}
