using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vault.Api.Audit;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class AuditHasherTests
{
    [Fact]
    public void The_canonical_form_is_pinned_to_a_known_hash()
    {
        var entry = Sample();
        Assert.Equal(Reference(entry), AuditChain.ComputeHash(entry));
    }

    [Fact]
    public void Empty_optional_fields_and_long_non_ascii_text_hash_as_the_reference_form()
    {
        var entry = Sample();
        entry.ActorPersonId = null;
        entry.SubjectId = null;
        entry.OpleidingsschoolId = null;
        entry.RecordingId = null;
        entry.DetailsJson = "{\"note\":\"" + string.Concat(Enumerable.Repeat("café ë 🎓 ", 600)) + "\"}";
        entry.UserAgent = null;
        Assert.Equal(Reference(entry), AuditChain.ComputeHash(entry));
    }

    [Fact]
    public void Any_changed_field_changes_the_hash_and_Matches_sees_it()
    {
        var hasher = new AuditHasher();
        var entry = Sample();
        entry.Hash = AuditChain.ComputeHash(entry);
        Assert.True(hasher.Matches(entry));

        entry.IpAddress = "10.0.0.2";
        Assert.False(hasher.Matches(entry));
    }

    private static AuditEntry Sample() => new()
    {
        Sequence = 42,
        Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
        OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        ActorPersonId = Guid.Parse("0193a1b2-0000-7000-8000-000000000002"),
        ActorName = "Fatima el Amrani",
        ActorRoles = "Instituutsopleider",
        Action = "recordings.playback",
        SubjectType = "recording",
        SubjectId = "0193a1b2-0000-7000-8000-000000000003",
        OpleidingsschoolId = Guid.Parse("0193a1b2-0000-7000-8000-000000000004"),
        SchoolLocationId = Guid.Parse("0193a1b2-0000-7000-8000-000000000005"),
        RecordingId = Guid.Parse("0193a1b2-0000-7000-8000-000000000003"),
        PupilIds = "0193a1b2000070008000000000000006",
        DetailsJson = "{\"ranges\":[[0,12.5]]}",
        IpAddress = "127.0.0.1",
        UserAgent = "Mozilla/5.0",
        PreviousHash = new string('a', 64),
        Hash = "",
    };

    // The format as first defined (string.Join of the fields): the optimised hasher must never drift from it.
    private static string Reference(AuditEntry entry)
    {
        var canonical = string.Join('\n',
            "v1",
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.Id.ToString("N"),
            entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.ActorPersonId?.ToString("N") ?? "",
            entry.ActorName,
            entry.ActorRoles,
            entry.Action,
            entry.SubjectType,
            entry.SubjectId ?? "",
            entry.OpleidingsschoolId?.ToString("N") ?? "",
            entry.SchoolLocationId?.ToString("N") ?? "",
            entry.RecordingId?.ToString("N") ?? "",
            entry.PupilIds,
            entry.DetailsJson ?? "",
            entry.IpAddress ?? "",
            entry.UserAgent ?? "",
            entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
