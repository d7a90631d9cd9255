using System.Diagnostics;
using System.Globalization;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// A test process that dies without running its exit handlers (SIGKILL, a crash, a test host ended for hanging) leaves
/// no Azurite behind: each Azurite's watchdog ends it once the process that started it is gone.
/// </summary>
public sealed class AzuriteLifetimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Azurite_of_a_process_killed_with_SIGKILL_ends_with_it()
    {
        await using var world = await CrashWorld.StartAsync();
        // Not attached to this process's Azurite: the child starts its own, as a test process does.
        await using var child = await world.StartChildAsync(environment: new Dictionary<string, string> { [Azurite.AttachVariable] = "" });
        var azurite = Assert.Single(ChildrenOf(child.ProcessId), pid => CommandLine(pid).Contains("azurite", StringComparison.Ordinal));

        using (var process = Process.GetProcessById(child.ProcessId))
        {
            process.Kill(entireProcessTree: false); // the child alone: its Azurite is left to fend for itself
            await process.WaitForExitAsync(Ct);
        }

        for (var look = 0; look < 600 && Running(azurite); look++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.False(Running(azurite), $"Azurite ({azurite}) still runs after the process that started it was killed");
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => Stat(pid) is { } stat && stat.Parent == parent);

    /// <summary>Running: the process exists and is not a zombie (an ended process its new parent has not reaped yet).</summary>
    private static bool Running(int pid) => Stat(pid) is { State: not 'Z' and not 'X' };

    /// <summary>State and parent from /proc/pid/stat.</summary>
    private static (char State, int Parent)? Stat(int pid) =>
        ProcStat.Fields(pid) is { } fields ? (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture)) : null;

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
