using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Data;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

/// <summary>
/// The privacy officer's filters (all optional, combined with AND) and the keyset cursor: <see cref="Before"/> is the
/// sequence number below which the next page starts (newest first).
/// </summary>
public sealed record AuditFilter(
    Guid? RecordingId = null,
    Guid? PupilId = null,
    Guid? PersonId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Action = null,
    long? Before = null,
    int? Limit = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(From is null || To is null || From <= To, "from", Text.T("'Vanaf' ligt na 'tot en met'.", "'From' is after 'to'."))
        .Require(Action is null || Action.Length <= 100, "action", Text.T("De actie is te lang.", "The action is too long."))
        .Require(Before is null or > 0, "before", Text.T("Ongeldige cursor.", "Invalid cursor."))
        .Require(Limit is null or (>= 1 and <= MaxLimit), "limit", Text.T($"Kies 1 tot en met {MaxLimit}.", $"Choose 1 to {MaxLimit}."));
}

public sealed record AuditEventView(
    long Sequence,
    DateTimeOffset OccurredAt,
    string Action,
    Guid? ActorPersonId,
    string ActorName,
    IReadOnlyList<string> ActorRoles,
    string SubjectType,
    string? SubjectId,
    Guid? OpleidingsschoolId,
    Guid? SchoolLocationId,
    Guid? RecordingId,
    IReadOnlyList<Guid> PupilIds,
    JsonElement? Details,
    string? IpAddress,
    string? UserAgent,
    string Hash)
{
    public static AuditEventView From(AuditEntry e) => new(
        e.Sequence, e.OccurredAt, e.Action, e.ActorPersonId, e.ActorName,
        e.ActorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.SubjectType, e.SubjectId, e.OpleidingsschoolId, e.SchoolLocationId, e.RecordingId,
        [.. e.PupilIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.ParseExact(p, "N"))],
        ParseDetails(e.DetailsJson), e.IpAddress, e.UserAgent, e.Hash);

    private static JsonElement? ParseDetails(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>One page of events, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, long? NextBefore);

/// <summary>Builds the scoped, filtered query over the log. Every path starts from an index (pupil, recording, person, time, action).</summary>
internal static class AuditQueries
{
    public static IQueryable<AuditEntry> Query(VaultDbContext db, PrivacyScope scope, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.PupilId is { } pupil)
        {
            // Drive the query from the pupil index (PupilId, Sequence) rather than scanning the log.
            entries = db.AuditEntryPupils.AsNoTracking()
                .Where(p => p.PupilId == pupil)
                .Join(db.AuditEntries.AsNoTracking(), p => p.Sequence, e => e.Sequence, (_, e) => e);
        }

        entries = entries.VisibleTo(scope);
        if (filter.RecordingId is { } recording)
        {
            entries = entries.Where(e => e.RecordingId == recording);
        }

        if (filter.PersonId is { } person)
        {
            entries = entries.Where(e => e.ActorPersonId == person);
        }

        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        if (filter.Before is { } before)
        {
            entries = entries.Where(e => e.Sequence < before);
        }

        return entries.OrderByDescending(e => e.Sequence);
    }

    public static async Task<AuditPage> PageAsync(VaultDbContext db, PrivacyScope scope, AuditFilter filter, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? AuditFilter.DefaultLimit;
        var rows = await Query(db, scope, filter).Take(limit + 1).ToListAsync(cancellationToken);
        var more = rows.Count > limit;
        var items = rows.Take(limit).Select(AuditEventView.From).ToList();
        return new AuditPage(items, more ? items[^1].Sequence : null);
    }
}
