using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vault.Testing;

/// <summary>
/// One Azurite per test process, in memory (see <see cref="LocationVariable"/>), on free ports of 127.0.0.1, started from the repository's
/// node_modules (installed by test.sh from package-lock.json) and killed when the process exits, or, if it dies, by its
/// watchdog (see <see cref="Watchdog"/>).
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>The environment variable naming a folder for Azurite's data (otherwise it keeps everything in memory).</summary>
    public const string LocationVariable = "MEDIAVAULT_AZURITE_LOCATION";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Azurite? shared;
    private readonly Process? process;

    private Azurite(Process? process, int blobPort, int queuePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public bool IsRunning => process is null || !process.HasExited;

    /// <summary>
    /// Set in a child vault's environment (<see cref="ChildVault"/>): "blobPort:queuePort" of the parent's Azurite, which
    /// the child uses instead of starting its own, so blobs and queue messages outlive the child.
    /// </summary>
    public const string AttachVariable = "MEDIAVAULT_TEST_AZURITE";

    public static async Task<Azurite> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null && Environment.GetEnvironmentVariable(AttachVariable) is { Length: > 0 } attach)
            {
                var ports = attach.Split(':');
                shared = new Azurite(null, int.Parse(ports[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[1], System.Globalization.CultureInfo.InvariantCulture));
            }

            if (shared is null || !shared.IsRunning)
            {
                shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.Kill();
            }

            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A private Azurite (for tests that stop it on purpose); with <paramref name="location"/> it keeps its data in that
    /// folder, so what was stored before a <see cref="StopAsync"/> is there again when it is started on the same ports.
    /// </summary>
    public static async Task<Azurite> StartAsync(int? blobPort = null, int? queuePort = null, string? location = null)
    {
        var executable = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}; run ./test.sh (it runs npm ci).");
        }

        var blob = blobPort ?? FreePort();
        var queue = queuePort ?? FreePort();
        var table = FreePort();
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Watchdog);
        info.ArgumentList.Add("azurite");
        info.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(executable);
        // In memory unless a folder is given; MEDIAVAULT_AZURITE_LOCATION gives one to every Azurite of the process
        // (Azurite caps its memory store at half the machine's memory, too small for the benchmark's 4 GiB uploads).
        location ??= Environment.GetEnvironmentVariable(LocationVariable) is { Length: > 0 } configured ? configured : null;
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in location is null ? ["--inMemoryPersistence"] : new[] { "--location", location })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new Azurite(process, blob, queue);
        process.OutputDataReceived += (_, e) => azurite.Watch(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await azurite.WaitUntilListeningAsync(TimeSpan.FromMinutes(2)); // generous: a loaded CI machine starts Node slowly
        return azurite;
    }

    /// <summary>
    /// Azurite must not outlive the process that started it, also when that process dies without running its exit
    /// handlers (SIGKILL, an unhandled exception, a test host ended for hanging). The shell starts a watchdog beside it
    /// and then becomes Azurite (<c>exec</c>, so the process started here is Azurite itself, for <see cref="StopAsync"/>
    /// and <see cref="Kill"/>). The watchdog looks once a second; when the starter is gone it sends SIGTERM and, if Azurite
    /// still runs 5 seconds later, SIGKILL. It ends by itself when Azurite does, and <see cref="Kill"/> takes it along
    /// as part of Azurite's process tree. Arguments: the starter's process id, then Azurite's command line.
    /// </summary>
    private const string Watchdog = """
        starter=$1; shift
        (
          while kill -0 "$starter" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done
          if kill -TERM $$ 2>/dev/null; then sleep 5; kill -KILL $$ 2>/dev/null; fi
        ) </dev/null >/dev/null 2>&1 &
        exec "$@"
        """;

    public void Kill()
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// Stops Azurite as an operator would: SIGTERM makes it close its blob and queue services (saving their metadata); once
    /// both say so, the process (which may linger on open keep-alive connections) is ended.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            using var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
            await Task.WhenAny(Task.WhenAll(blobClosed.Task, queueClosed.Task), process.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(1));
            Kill();
        }
    }

    private readonly TaskCompletionSource blobClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource queueClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Watch(string? line)
    {
        if (line?.Contains("Blob service successfully closed", StringComparison.Ordinal) == true)
        {
            blobClosed.TrySetResult();
        }
        else if (line?.Contains("Queue service successfully closed", StringComparison.Ordinal) == true)
        {
            queueClosed.TrySetResult();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, BlobPort);
                using var queueClient = new TcpClient();
                await queueClient.ConnectAsync(IPAddress.Loopback, QueuePort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("Azurite did not start listening in time.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The folder holding MediaVault.sln, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "MediaVault.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MediaVault.sln not found above the test binaries.");
    }
}
