namespace Vault.Testing;

/// <summary>A process's <c>/proc/&lt;pid&gt;/stat</c> line (Linux), for tests and the benchmark that watch other processes.</summary>
public static class ProcStat
{
    /// <summary>
    /// The fields after the command name, starting with the state (field 3 of proc(5) is index 0 here), or null when the
    /// process is gone. The command name is cut at the last ')', since it may itself hold spaces and parentheses.
    /// </summary>
    public static string[]? Fields(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
