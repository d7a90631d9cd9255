using System.Diagnostics;
using System.Text;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace Vault.Api.Media;

/// <summary>A media tool failed, timed out or was refused; the message is ffmpeg's own last words (no paths, no plaintext).</summary>
internal sealed class MediaToolException(string message) : Exception(message);

/// <summary>
/// The one adapter around Debian's ffmpeg and ffprobe: argument lists (never a command string), a timeout and
/// a kill of the whole process tree on every run, a host-wide concurrency cap, cancellation throughout.
/// Binaries are found through FFMpegCore's <see cref="GlobalFFOptions"/>.
/// </summary>
internal sealed class MediaTools(IOptions<MediaOptions> options, ILogger<MediaTools> logger) : IDisposable
{
    private const int StderrTail = 2048;
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.MaxConcurrentProcesses));

    public MediaOptions Options => options.Value;

    /// <summary>ffprobe's JSON about <paramref name="input"/>, normalised into a <see cref="MediaProbe"/>.</summary>
    public async Task<MediaProbe> ProbeAsync(Uri input, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream();
        await RunAsync(GlobalFFOptions.GetFFProbeBinaryPath(),
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input.ToString()],
            json, Options.ProbeTimeout, cancellationToken);
        return MediaProbe.Parse(json.ToArray());
    }

    /// <summary>Decodes the start of every audio/video stream; a stream that cannot be decoded fails (-xerror).</summary>
    public Task CheckDecodesAsync(Uri input, CancellationToken cancellationToken) =>
        RunAsync(GlobalFFOptions.GetFFMpegBinaryPath(),
            ["-hide_banner", "-nostdin", "-v", "error", "-xerror", "-err_detect", "explode", "-i", input.ToString(),
             "-t", Options.DecodeCheckDuration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-map", "0:V?", "-map", "0:a?", "-f", "null", "-"],
            null, Options.ProbeTimeout, cancellationToken);

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> writing its output (pipe:1) into <paramref name="output"/>.</summary>
    public Task FfmpegAsync(IReadOnlyList<string> arguments, Stream? output, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(GlobalFFOptions.GetFFMpegBinaryPath(), ["-hide_banner", "-nostdin", "-v", "error", .. arguments], output, timeout, cancellationToken);

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, Stream? stdout, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            var info = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new MediaToolException($"{Path.GetFileName(tool)} did not start.");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var errors = ReadTailAsync(process.StandardError);
            try
            {
                if (stdout is not null)
                {
                    await process.StandardOutput.BaseStream.CopyToAsync(stdout, 1024 * 1024, limit.Token);
                }
                else
                {
                    await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, limit.Token);
                }

                await process.WaitForExitAsync(limit.Token);
            }
            catch (Exception ex)
            {
                Kill(process);
                if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new MediaToolException($"{Path.GetFileName(tool)} took longer than {timeout} and was stopped.");
                }

                throw;
            }

            var tail = await errors;
            if (process.ExitCode != 0)
            {
                logger.LogInformation("{Tool} exited with {ExitCode}: {Errors}", Path.GetFileName(tool), process.ExitCode, tail);
                throw new MediaToolException(string.IsNullOrWhiteSpace(tail) ? $"{Path.GetFileName(tool)} failed ({process.ExitCode})." : tail.Trim());
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > StderrTail)
            {
                tail.Remove(0, tail.Length - StderrTail);
            }
        }

        // Inputs are loopback URLs with one-time tokens: keep them out of messages and logs.
        return System.Text.RegularExpressions.Regex.Replace(tail.ToString(), @"http://127\.0\.0\.1:\d+/m/[0-9a-f]+", "input");
    }

    public void Dispose() => slots.Dispose();
}
