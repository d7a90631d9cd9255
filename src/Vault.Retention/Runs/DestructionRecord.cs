using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vault.Retention.Runs;

/// <summary>
/// The proof of a run that a privacy officer downloads: counts, the destroyed ids, and a SHA-256 of the list.
/// The hash is over the destroyed recording ids in lowercase <c>D</c> format ("0f8fad5b-d9cb-469f-a165-70867728950e"),
/// sorted ordinally, each followed by a line feed, encoded as UTF-8: anyone can recompute it from the CSV.
/// An opleidingsschool's privacy officer gets the items of their own schoollocaties only (<see cref="Scoped"/>), with
/// <see cref="ScopedListSha256"/> over those destroyed ids; counts and <see cref="ListSha256"/> stay the whole run's.
/// </summary>
public sealed record DestructionRecord(
    Guid RunId, string Key, DestructionKind Kind, RunState State, DateOnly RunDate, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Planned, int Destroyed, int Skipped, int Failed, string? ListSha256, IReadOnlyList<DestructionRecordItem> Items,
    bool Scoped = false, string? ScopedListSha256 = null)
{
    public static string Hash(IEnumerable<Guid> destroyedIds)
    {
        var text = new StringBuilder();
        foreach (var id in destroyedIds.Select(i => i.ToString("D", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal))
        {
            text.Append(id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>CSV: a header block with the run's facts as comment lines, then one row per item.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture, $"# run,{RunId}\n# key,{Key}\n# kind,{Kind}\n# state,{State}\n# runDate,{RunDate:yyyy-MM-dd}\n");
        csv.Append(CultureInfo.InvariantCulture, $"# planned,{Planned}\n# destroyed,{Destroyed}\n# skipped,{Skipped}\n# failed,{Failed}\n# listSha256,{ListSha256}\n");
        if (Scoped)
        {
            csv.Append(CultureInfo.InvariantCulture, $"# scoped,items of your schoollocaties only\n# scopedListSha256,{ScopedListSha256}\n");
        }

        csv.Append("recordingId,placementId,recordedOn,state,reason,destroyedAt,keyDestroyed\n");
        foreach (var item in Items)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{item.RecordingId:D},{item.PlacementId:D},{item.RecordedOn:yyyy-MM-dd},{item.State},{item.Reason},{item.DestroyedAt?.ToString("O", CultureInfo.InvariantCulture)},{(item.KeyDestroyed ? "true" : "false")}\n");
        }

        return csv.ToString();
    }
}

/// <summary>One item of the record; <see cref="KeyDestroyed"/>: this run crypto-shredded the recording's key(s) (false when it was already gone).</summary>
public sealed record DestructionRecordItem(Guid RecordingId, Guid PlacementId, DateOnly RecordedOn, RunItemState State, string Reason, DateTimeOffset? DestroyedAt, bool KeyDestroyed);
