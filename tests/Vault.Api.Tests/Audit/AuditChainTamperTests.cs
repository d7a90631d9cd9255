using Microsoft.EntityFrameworkCore;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

// Each class tampers with its own database (one VaultApiFactory per class).

/// <summary>The vault verifying in ranges of 3 entries, so that tests cross range boundaries (and run them in parallel).</summary>
public sealed class SmallRangesVaultFactory : VaultApiFactory
{
    public SmallRangesVaultFactory() => With("Vault:Audit:VerificationBatchSize", "3");
}

public sealed class IntactAuditLogTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    [Fact]
    public async Task An_untouched_log_verifies_intact_and_the_command_writes_a_checkpoint()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        await vault.ChangePolicyAsync(Arrange.Osr, times: 3);

        var (exit, output) = await vault.RunCommandAsync("audit", "verify");
        var head = await vault.HeadAsync();
        var result = await vault.VerifyThroughApiAsync(fg);

        Assert.Equal(0, exit);
        Assert.Contains("INTACT", output, StringComparison.Ordinal);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(head, result.EntriesChecked);
        Assert.True(result.CheckpointsChecked >= 1);
    }

    [Fact]
    public async Task The_command_refuses_unknown_options()
    {
        var (exit, _) = await vault.RunCommandAsync("audit", "verify", "--repair");
        Assert.Equal(64, exit);
    }
}

public sealed class EditedAuditRowTests(SmallRangesVaultFactory vault) : IClassFixture<SmallRangesVaultFactory>
{
    [Fact]
    public async Task Editing_one_row_in_the_database_is_found_at_exactly_that_sequence()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        await vault.ChangePolicyAsync(Arrange.Osh, times: 4);
        var head = await vault.HeadAsync();
        var tampered = head - 2;

        await vault.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE AuditEntries SET ActorName = 'Iemand anders' WHERE Sequence = {tampered}", TestContext.Current.CancellationToken));
        var result = await vault.VerifyThroughApiAsync(fg);
        var (exit, output) = await vault.RunCommandAsync("audit", "verify");

        Assert.False(result.Intact);
        Assert.Equal(tampered, result.FirstBrokenSequence);
        Assert.Equal(tampered - 1, result.EntriesChecked);
        Assert.Equal(1, exit);
        Assert.Contains($"entry {tampered}:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_row_in_the_middle_is_found_as_the_missing_sequence()
    {
        await using var other = new SmallRangesVaultFactory();
        await other.InitializeAsync();
        var fg = await other.CreateInstituutPrivacyOfficerAsync();
        await other.ChangePolicyAsync(Arrange.Osr, times: 5);
        var removed = (await other.HeadAsync()) - 4;

        await other.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntries WHERE Sequence = {removed}", TestContext.Current.CancellationToken));
        var result = await other.VerifyThroughApiAsync(fg);

        Assert.False(result.Intact);
        Assert.Equal(removed, result.FirstBrokenSequence);
        Assert.Contains("ontbreekt", result.Problem, StringComparison.Ordinal);
    }
}

public sealed class TruncatedAuditLogTests(SmallRangesVaultFactory vault) : IClassFixture<SmallRangesVaultFactory>
{
    [Fact]
    public async Task Deleting_the_last_rows_is_found_by_the_checkpoint_comparison()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        await vault.ChangePolicyAsync(Arrange.Osr, times: 4);
        Assert.Equal(0, (await vault.RunCommandAsync("audit", "verify")).ExitCode);
        var head = await vault.HeadAsync();

        // The remaining chain is self-consistent: only the checkpoint knows that entries head-2..head existed.
        await vault.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntryPupils WHERE Sequence > {head - 3}", TestContext.Current.CancellationToken);
            return await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntries WHERE Sequence > {head - 3}", TestContext.Current.CancellationToken);
        });
        var result = await vault.VerifyThroughApiAsync(fg);

        Assert.False(result.Intact);
        Assert.Equal(head - 2, result.FirstBrokenSequence);
        Assert.Equal(head - 3, result.EntriesChecked);
        Assert.Contains("verwijderd", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_self_consistent_tail_is_found_by_the_checkpoint_comparison()
    {
        await using var other = new SmallRangesVaultFactory();
        await other.InitializeAsync();
        var fg = await other.CreateInstituutPrivacyOfficerAsync();
        await other.ChangePolicyAsync(Arrange.Osr, times: 3);
        Assert.Equal(0, (await other.RunCommandAsync("audit", "verify")).ExitCode);
        var head = await other.HeadAsync();

        // Remove the last two entries, then let the vault chain new, different entries onto the shortened log:
        // every hash is valid again, the sequence numbers are gap-free, but the checkpoint's hash at `head` differs.
        await other.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM AuditEntries WHERE Sequence > {head - 2}", TestContext.Current.CancellationToken));
        await other.ChangePolicyAsync(Arrange.Osh, times: 3);
        var result = await other.VerifyThroughApiAsync(fg);

        Assert.False(result.Intact);
        Assert.NotNull(result.FirstBrokenSequence);
        Assert.InRange(result.FirstBrokenSequence!.Value, 1, head - 1);
        Assert.Contains("herschreven", result.Problem, StringComparison.Ordinal);
    }
}
