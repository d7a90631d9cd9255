using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Data;
using Vault.Retention.Tests.Support;
using Vault.Shared.Time;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>The hosted service: wakes daily on the vault's clock, publishes the preview in time and runs the yearly destruction on its day.</summary>
public sealed class RetentionServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The background service did not do its work in time.");
    }

    [Fact]
    public async Task The_service_publishes_the_preview_in_August_and_destroys_on_the_September_day()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 1), v => v.With("Vault:Retention:ScheduleEnabled", "true"));
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        var stays = Recording(new DateOnly(2027, 5, 1));
        vault.Catalog.Add(goes, stays);

        vault.Time.SetUtcNow(SchoolCalendar.FromAmsterdam(new DateOnly(2027, 8, 18), new TimeOnly(2, 0)));
        await EventuallyAsync(() => vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionPlans.AnyAsync(Ct)));
        Assert.True(vault.Catalog.Exists(goes.RecordingId));

        vault.Time.SetUtcNow(SchoolCalendar.FromAmsterdam(new DateOnly(2027, 9, 15), new TimeOnly(2, 0)));
        await EventuallyAsync(() => Task.FromResult(!vault.Catalog.Exists(goes.RecordingId)));
        Assert.True(vault.Catalog.Exists(stays.RecordingId));
        Assert.Equal(1, vault.Catalog.DestroyedCount);
    }

    [Fact]
    public async Task A_run_during_which_the_clock_passes_the_next_wake_is_followed_at_once_by_that_days_run()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 9, 13), v => v.With("Vault:Retention:ScheduleEnabled", "true"));
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(goes);
        var dayBefore = SchoolCalendar.FromAmsterdam(new DateOnly(2027, 9, 14), new TimeOnly(2, 0));
        var runDay = SchoolCalendar.FromAmsterdam(new DateOnly(2027, 9, 15), new TimeOnly(2, 30));
        // The day before the yearly run, the run works past the next day's wake (02:00): a machine that slept in the
        // middle of it, or a very long run. Only in that run: the clock moves to 02:30 on the yearly run's day.
        var slept = 0;
        vault.Catalog.WhileListing = () =>
        {
            if (vault.Time.GetUtcNow() >= dayBefore && vault.Time.GetUtcNow() < runDay && Interlocked.Exchange(ref slept, 1) == 0)
            {
                vault.Time.SetUtcNow(runDay);
            }
        };

        vault.Time.SetUtcNow(dayBefore);

        // Nobody touches the clock again: the yearly run must follow at once, not a day late.
        await EventuallyAsync(() => Task.FromResult(!vault.Catalog.Exists(goes.RecordingId)));
        Assert.Equal(1, slept);
        Assert.Equal(runDay, vault.Time.GetUtcNow());
    }
}
