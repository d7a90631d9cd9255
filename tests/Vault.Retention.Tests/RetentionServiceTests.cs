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
}
