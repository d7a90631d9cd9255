using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vault.Testing;

/// <summary>
/// What a child vault (<c>tests/Vault.ChildVault</c>) is started with: configuration on top of the test host's, its
/// clock, and optionally an operator command to run (as <c>Vault.Api &lt;group&gt; &lt;verb&gt;</c> would) after start-up.
/// </summary>
public sealed record ChildVaultSpec
{
    public const string Variable = "MEDIAVAULT_CHILD_SPEC";

    public Dictionary<string, string?> Settings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The child's (fake, fixed) clock.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>An operator command and its options (e.g. <c>retention run</c>); the child exits with its exit code.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Test hook: after this many destruction batches the catalogue stops (prints <see cref="ChildVault.PausedLine"/>) and waits to be killed.</summary>
    public int? PauseDestructionAfterBatches { get; init; }

    public static ChildVaultSpec FromEnvironment() =>
        JsonSerializer.Deserialize<ChildVaultSpec>(Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set."))!;
}

/// <summary>
/// The vault as a separate OS process (the test host on Kestrel at 127.0.0.1, in <c>tests/Vault.ChildVault</c>) that
/// a test can kill with SIGKILL and start again against the same SQLite file, key file and Azurite: a crash, not a
/// cancelled token. It accepts this process's test tokens (the signing key is handed over) and uses this process's
/// Azurite, so blobs and queue messages outlive it.
/// </summary>
public sealed class ChildVault : IAsyncDisposable
{
    public const string ReadyLine = "CHILD-VAULT READY ";
    public const string PausedLine = "CHILD-VAULT PAUSED";
    public const string JitQuestion = "jit";
    public const string JitLine = "CHILD-VAULT JIT ";

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly SemaphoreSlim arrived = new(0);
    private int jitAnswers;

    private ChildVault(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Arrive(e.Data);
        process.ErrorDataReceived += (_, e) => Arrive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    public int ProcessId => process.Id;

    /// <summary>Everything the child wrote (for failure messages).</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>
    /// Starts a child vault and waits until it listens (or, with a command, until it printed <paramref name="waitFor"/>).
    /// <paramref name="environment"/> adds to the child's environment (e.g. a PATH with a slow ffmpeg in front).
    /// </summary>
    public static async Task<ChildVault> StartAsync(ChildVaultSpec spec, Azurite azurite, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(HostPath);
        info.Environment[ChildVaultSpec.Variable] = JsonSerializer.Serialize(spec);
        info.Environment[Azurite.AttachVariable] = $"{azurite.BlobPort}:{azurite.QueuePort}";
        info.Environment[TestTokens.KeyVariable] = TestTokens.SigningKeyPem;
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildVault(Process.Start(info) ?? throw new InvalidOperationException("The child vault did not start."));
        try
        {
            var ready = await child.WaitForLineAsync(ReadyLine, TimeSpan.FromMinutes(3), cancellationToken);
            child.Address = new Uri(ready[ReadyLine.Length..].Trim());
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>The built child host next to this test assembly's build (same configuration).</summary>
    public static string HostPath
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(RepositoryRoot.Path, "tests", "Vault.ChildVault", "bin", configuration, framework.Name, "Vault.ChildVault.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The child vault is not built at {path}.");
        }
    }

    /// <summary>A client to the child, signed in as <paramref name="user"/> with a token of this process's test key.</summary>
    public HttpClient SignInAs(TestUser user)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(user.ObjectId, user.Tenant, user.Name, user.Roles));
        return client;
    }

    /// <summary>How many methods the child's runtime has JIT-compiled so far (a path is warm once this stops growing).</summary>
    public async Task<long> CompiledMethodsAsync(CancellationToken cancellationToken = default)
    {
        var answer = ++jitAnswers;
        await process.StandardInput.WriteLineAsync(JitQuestion.AsMemory(), cancellationToken);
        await process.StandardInput.FlushAsync(cancellationToken);
        var line = await WaitForLineAsync(JitLine, TimeSpan.FromSeconds(30), cancellationToken, answer);
        return long.Parse(line[JitLine.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for the <paramref name="occurrence"/>th line starting with <paramref name="prefix"/>; fails when the child exits first.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken = default, int occurrence = 1)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var seen = 0;
        while (true)
        {
            var snapshot = lines.ToArray();
            for (; seen < snapshot.Length; seen++)
            {
                if (snapshot[seen].StartsWith(prefix, StringComparison.Ordinal) && --occurrence == 0)
                {
                    return snapshot[seen];
                }
            }

            if (process.HasExited && seen == lines.Count)
            {
                throw new InvalidOperationException($"The child vault exited ({process.ExitCode}) before '{prefix}':\n{Output}");
            }

            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The child vault did not print '{prefix}' in {timeout}:\n{Output}");
            }
        }
    }

    /// <summary>SIGKILL, the whole process tree (as when a container dies): no shutdown, no finally blocks.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    /// <summary>Waits for a child that runs a command to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Stops the child gracefully (closing its stdin ends it), killing it if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                process.StandardInput.Close();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(limit.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                Kill();
            }
        }

        process.Dispose();
        arrived.Dispose();
    }

    private void Arrive(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            arrived.Release();
        }
    }
}
