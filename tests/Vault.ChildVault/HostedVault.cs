using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Ports;
using Vault.Shared.Commands;
using Vault.Testing;

namespace Vault.ChildVaultHost;

/// <summary>The test host as configured by the parent: its settings, its clock, and the optional destruction pause.</summary>
internal sealed class HostedVault : VaultApiFactory
{
    private readonly ChildVaultSpec spec;

    public HostedVault(ChildVaultSpec spec)
    {
        this.spec = spec;
        Time.SetUtcNow(spec.Now);
        foreach (var (key, value) in spec.Settings)
        {
            With(key, value);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Outside a test project there is no MVC testing manifest: the API's own folder is its content root.
        builder.UseContentRoot(Path.Combine(RepositoryRoot.Path, "src", "Vault.Api"));
        if (spec.PauseDestructionAfterBatches is { } batches)
        {
            builder.ConfigureTestServices(services => PausingCatalog.Decorate(services, batches));
        }
    }

    /// <summary>Runs an operator command as <c>Vault.Api &lt;group&gt; &lt;verb&gt;</c> would, with this host's services.</summary>
    public async Task<int> RunCommandAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var command = scope.ServiceProvider.GetServices<IVaultCommand>()
            .Where(c => c.Words.Count <= words.Count && c.Words.Select((w, i) => string.Equals(w, words[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .MaxBy(c => c.Words.Count) ?? throw new InvalidOperationException($"No command '{string.Join(' ', words)}'.");
        return await command.RunAsync([.. words.Skip(command.Words.Count)], Console.Out, cancellationToken);
    }
}

/// <summary>
/// Test hook around the host's retention catalogue: after <c>batches</c> destruction batches it lets the next batch be
/// destroyed (keys shredded, rows and blobs gone) and then, before the run can write that batch down, announces
/// <see cref="ChildVault.PausedLine"/> and waits, so the parent kills the process at the worst moment.
/// </summary>
internal sealed class PausingCatalog(IRetentionCatalog inner, int batches) : IRetentionCatalog
{
    private static int calls;

    public static void Decorate(IServiceCollection services, int batches)
    {
        var original = services.Last(d => d.ServiceType == typeof(IRetentionCatalog));
        services.Add(ServiceDescriptor.Describe(typeof(IRetentionCatalog), sp => new PausingCatalog((IRetentionCatalog)original.ImplementationFactory!(sp), batches), original.Lifetime));
    }

    public IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken) => inner.CandidatesAsync(cancellationToken);

    public Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken) => inner.DestroyAsync(recordingId, reason, cancellationToken);

    public Task<IReadOnlyList<RetentionCandidate>> CandidatesAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken) => inner.CandidatesAsync(recordingIds, cancellationToken);

    public async Task<IReadOnlyList<DestructionResult>> DestroyManyAsync(IReadOnlyList<DestructionOrder> orders, int degreeOfParallelism, DestructionHooks hooks, CancellationToken cancellationToken)
    {
        var results = await inner.DestroyManyAsync(orders, degreeOfParallelism, hooks, cancellationToken);
        if (Interlocked.Increment(ref calls) > batches)
        {
            Console.WriteLine(ChildVault.PausedLine);
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        return results;
    }
}
