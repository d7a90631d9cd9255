namespace Vault.Shared.Commands;

/// <summary>
/// An operator command run as <c>Vault.Api &lt;group&gt; &lt;verb&gt; [options]</c> (for example
/// <c>audit verify</c>, <c>retention plan</c>): the host's services without the web server.
/// Register implementations as <c>IVaultCommand</c> singletons or scoped services.
/// </summary>
public interface IVaultCommand
{
    /// <summary>The words that select the command, e.g. <c>["audit", "verify"]</c>.</summary>
    IReadOnlyList<string> Words { get; }

    string Description { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, CancellationToken cancellationToken);
}
