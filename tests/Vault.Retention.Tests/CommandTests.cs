using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Tests.Support;
using Vault.Shared.Commands;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>The operator commands <c>retention plan</c> and <c>retention run [--dry-run]</c>.</summary>
public sealed class CommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int Exit, string Output)> RunAsync(RetentionVaultFactory vault, params string[] words) =>
        vault.InScopeAsync(async sp =>
        {
            var command = sp.GetServices<IVaultCommand>().Single(c => c.Words.SequenceEqual(words.Take(2)));
            await using var output = new StringWriter();
            var exit = await command.RunAsync(words.Skip(2).ToList(), output, Ct);
            return (exit, output.ToString());
        });

    [Fact]
    public async Task Retention_plan_lists_what_the_yearly_run_will_destroy_and_keep()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 20));
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        var stays = Recording(new DateOnly(2027, 5, 1));
        vault.Catalog.Add(goes, stays);

        var (exit, output) = await RunAsync(vault, "retention", "plan");

        Assert.Equal(0, exit);
        Assert.Contains("2027-09-15", output, StringComparison.Ordinal);
        Assert.Contains($"DESTROY {goes.RecordingId}", output, StringComparison.Ordinal);
        Assert.Contains($"KEEP    {stays.RecordingId}", output, StringComparison.Ordinal);
        Assert.True(vault.Catalog.Exists(goes.RecordingId));
    }

    [Fact]
    public async Task Retention_run_refuses_the_yearly_run_before_its_day_but_a_dry_run_shows_it()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 20));
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(goes);

        var (refused, why) = await RunAsync(vault, "retention", "run");
        var (dry, plan) = await RunAsync(vault, "retention", "run", "--dry-run");

        Assert.Equal(3, refused);
        Assert.Contains("R7", why, StringComparison.Ordinal);
        Assert.Equal(0, dry);
        Assert.Contains("DryRun", plan, StringComparison.Ordinal);
        Assert.Contains($"DESTROY {goes.RecordingId}", plan, StringComparison.Ordinal);
        Assert.True(vault.Catalog.Exists(goes.RecordingId));
    }

    [Fact]
    public async Task Retention_run_on_the_day_destroys_and_a_repeat_reports_the_same_result()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 9, 15));
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(goes);

        var (exit, output) = await RunAsync(vault, "retention", "run");
        var (again, repeat) = await RunAsync(vault, "retention", "run");

        Assert.Equal((0, 0), (exit, again));
        Assert.Contains("Completed; planned 1, destroyed 1 (now 1)", output, StringComparison.Ordinal);
        Assert.Contains("AlreadyCompleted; planned 1, destroyed 1 (now 0)", repeat, StringComparison.Ordinal);
        Assert.False(vault.Catalog.Exists(goes.RecordingId));
        Assert.Equal(64, (await RunAsync(vault, "retention", "run", "--bogus")).Exit);
    }
}
