using Vault.Shared.Commands;

namespace Vault.Api.Hosting;

/// <summary>Runs an operator command instead of the web server when the first argument names one.</summary>
public static class VaultCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<IVaultCommand>().ToList();
        var command = commands
            .Where(c => c.Words.Count <= args.Length && c.Words.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .MaxBy(c => c.Words.Count);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"Onbekende opdracht / unknown command: {string.Join(' ', args)}");
            await Console.Error.WriteLineAsync("Opdrachten / commands:");
            foreach (var c in commands.OrderBy(c => string.Join(' ', c.Words), StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync($"  {string.Join(' ', c.Words),-24} {c.Description}");
            }

            return 64;
        }

        return await command.RunAsync(args.Skip(command.Words.Count).ToList(), Console.Out, app.Lifetime.ApplicationStopping);
    }
}
