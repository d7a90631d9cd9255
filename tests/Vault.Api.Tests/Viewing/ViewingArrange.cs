using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Api.Viewing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Viewing;

/// <summary>Intent methods for the viewing tests: a stored recording on a placement, coach rows, comments.</summary>
internal static class ViewingArrange
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(PlacementWorld World, RecordingView Recording)> RecordedPlacementAsync(this RecordingsVault vault, double seconds = 2)
    {
        var world = await vault.CreatePlacementAsync();

        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
        return (world, await vault.UploadRecordingAsync(world, source));
    }

    /// <summary>Puts someone on a placement as an extra coach row (e.g. a privacy officer who is also a WPB there).</summary>
    public static Task AddCoachRowAsync(this VaultApiFactory vault, Guid placementId, Guid personId, CoachRole role) =>
        vault.WithDbAsync(async db =>
        {
            db.PlacementCoaches.Add(new PlacementCoach { Id = Guid.NewGuid(), PlacementId = placementId, PersonId = personId, Role = role, AssignedAt = vault.Time.GetUtcNow() });
            return await db.SaveChangesAsync(Ct);
        });

    public static Task<Guid> AddAssessorRowAsync(this VaultApiFactory vault, Guid recordingId, Guid personId, DateOnly endDate) =>
        vault.WithDbAsync(async db =>
        {
            var row = new ExtraAssessor { Id = Guid.NewGuid(), RecordingId = recordingId, PersonId = personId, Reason = "tweede examinator", EndDate = endDate, AddedAt = vault.Time.GetUtcNow() };
            db.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        });

    public static async Task<CommentView> CommentAsync(this VaultApiFactory vault, TestUser author, Guid recordingId, double at, string text, double? to = null,
        CommentCategory category = CommentCategory.Tip, Guid? parent = null)
    {
        using var client = vault.SignInAs(author);
        var response = await client.PostAsJsonAsync($"/api/recordings/{recordingId}/comments", new CommentRequest(at, to, category, text, parent), VaultApiFactory.JsonOptions, Ct);
        return await VaultApiFactory.ReadAsync<CommentView>(response);
    }

    public static DateOnly Today(this VaultApiFactory vault) => DateOnly.FromDateTime(vault.Time.GetUtcNow().UtcDateTime);
}
