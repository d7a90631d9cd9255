using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Data;

/// <summary>
/// Bulk rows (presence lists, memberships, consent records, audit pupil index) are written inside the unit of work's
/// transaction (on SQLite one prepared single-row statement per type, bound again for each row): with their
/// principals, once, each with its own values, and not at all when the save fails.
/// </summary>
public sealed class BulkInsertionTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_rows_are_saved_with_their_principals_and_audit_entry_and_only_once()
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var (pupils, group) = NewClass(school, 600);
        Guid[] pupilIds = [.. pupils.Select(p => p.Id)];

        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            db.Groups.Add(group);
            db.Pupils.AddRange(pupils);
            db.GroupMemberships.AddRange(pupils.Select(p => new GroupMembership { Id = Guid.NewGuid(), GroupId = group.Id, PupilId = p.Id, From = new DateOnly(2026, 8, 1) }));
            db.ConsentRecords.AddRange(pupils.Select((p, i) => Consent(p, school, i)));
            services.GetRequiredService<IAuditTrail>().Record(new AuditEvent(AuditActions.ConsentRecorded, "test", null) { SystemActor = "test", PupilIds = pupilIds });
            await db.SaveChangesAsync(Ct);

            // A second save of the same unit of work must not insert the written rows again.
            group.Name = "2B";
            await db.SaveChangesAsync(Ct);
        });

        var (memberships, records, indexed, storedPupils) = await vault.WithDbAsync(async db => (
            await db.GroupMemberships.CountAsync(m => m.GroupId == group.Id, Ct),
            await db.ConsentRecords.Where(r => r.SchoolLocationId == school).ToListAsync(Ct),
            await db.AuditEntryPupils.CountAsync(e => pupilIds.Contains(e.PupilId), Ct),
            await db.Pupils.CountAsync(p => p.SchoolLocationId == school, Ct)));
        Assert.Equal(600, storedPupils);
        Assert.Equal(600, memberships);
        Assert.Equal(600, indexed);
        Assert.Equal(600, records.Count);

        // Every row keeps its own values through the provider conversions (enums by name, DateOnly, DateTimeOffset as
        // ticks on SQLite, nulls), also where the row before it had others.
        foreach (var i in new[] { 0, 1, 2, 599 })
        {
            var expected = Consent(pupils[i], school, i);
            var stored = records.Single(r => r.PupilId == pupils[i].Id);
            Assert.Equal(
                (expected.Beeld, expected.Geluid, expected.GivenBy, expected.GivenOn, expected.EnteredByPersonId, expected.RecordedAt),
                (stored.Beeld, stored.Geluid, stored.GivenBy, stored.GivenOn, stored.EnteredByPersonId, stored.RecordedAt));
        }
    }

    [Fact]
    public async Task A_refused_bulk_row_rolls_back_the_whole_unit_of_work()
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var (pupils, group) = NewClass(school, 3);
        var before = await vault.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));

        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            db.Groups.Add(group);
            db.Pupils.AddRange(pupils);
            var orphan = Consent(pupils[0], school);
            orphan.PupilId = Guid.NewGuid(); // no such pupil: the foreign key refuses the bulk statement
            db.ConsentRecords.Add(orphan);
            services.GetRequiredService<IAuditTrail>().Record(new AuditEvent(AuditActions.ConsentRecorded, "test", null) { SystemActor = "test", PupilIds = [orphan.PupilId] });

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.Equal(EntityState.Added, db.Entry(orphan).State);
        });

        var (groups, storedPupils, records, entries) = await vault.WithDbAsync(async db => (
            await db.Groups.CountAsync(g => g.SchoolLocationId == school, Ct),
            await db.Pupils.CountAsync(p => p.SchoolLocationId == school, Ct),
            await db.ConsentRecords.CountAsync(r => r.SchoolLocationId == school, Ct),
            await db.AuditEntries.CountAsync(Ct)));
        Assert.Equal((0, 0, 0, before), (groups, storedPupils, records, entries));
    }

    [Fact]
    public async Task Queued_rows_are_written_by_the_next_save_and_a_context_back_in_the_pool_forgets_those_it_never_saved()
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var (pupils, group) = NewClass(school, 4);
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            db.Groups.Add(group);
            db.Pupils.AddRange(pupils);
            db.InsertInBulk(pupils.Take(2).Select(p => Consent(p, school)));
            await db.SaveChangesAsync(Ct);
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.Entity is ConsentRecord);
        });

        // Queued and never saved: the scope ends, its context goes back to the pool.
        VaultDbContext? abandoned = null;
        await vault.WithScopeAsync(services =>
        {
            abandoned = services.GetRequiredService<VaultDbContext>();
            abandoned.InsertInBulk(pupils.Skip(2).Select(p => Consent(p, school)));
            return Task.CompletedTask;
        });

        // A later unit of work on that same pooled context saves something else, and only that.
        var reused = false;
        for (var attempt = 0; attempt < 100 && !reused; attempt++)
        {
            await vault.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<VaultDbContext>();
                if (ReferenceEquals(db, abandoned))
                {
                    reused = true;
                    (await db.Groups.SingleAsync(g => g.Id == group.Id, Ct)).Name = "2C";
                    await db.SaveChangesAsync(Ct);
                }
            });
        }

        Assert.True(reused, "the pool never handed the context out again");
        var stored = await vault.WithDbAsync(db => db.ConsentRecords.Where(r => r.SchoolLocationId == school).Select(r => r.PupilId).ToListAsync(Ct));
        Assert.Equal(pupils.Take(2).Select(p => p.Id).Order(), stored.Order());
    }

    private (List<Pupil> Pupils, Group Group) NewClass(Guid school, int size)
    {
        var now = vault.Time.GetUtcNow();
        var pupils = Enumerable.Range(0, size).Select(i => new Pupil
        {
            Id = Guid.CreateVersion7(now), SchoolLocationId = school, PupilNumber = $"{10_000 + i}", Name = $"Leerling {i}", BirthDate = new DateOnly(2013, 1, 1).AddDays(i), CreatedAt = now,
        }).ToList();
        return (pupils, new Group { Id = Guid.CreateVersion7(now), SchoolLocationId = school, SchoolYear = 2026, Name = "2A", CreatedAt = now });
    }

    /// <summary>A consent record whose values differ from its neighbours' (by <paramref name="i"/>), with a null every other row.</summary>
    private ConsentRecord Consent(Pupil pupil, Guid school, int i = 0) => new()
    {
        Id = Guid.CreateVersion7(vault.Time.GetUtcNow()), PupilId = pupil.Id, SchoolLocationId = school, SchoolYear = 2026, Kind = ConsentRecordKind.Besluit,
        Beeld = i % 2 == 0 ? MediumDecision.Gegeven : MediumDecision.Geweigerd, Geluid = i % 3 == 0 ? MediumDecision.Geweigerd : MediumDecision.Gegeven,
        GivenBy = i % 2 == 0 ? ConsentGiver.Ouder : ConsentGiver.Leerling, GivenOn = new DateOnly(2026, 9, 1).AddDays(i % 7), InformedOn = new DateOnly(2026, 8, 25),
        Method = ConsentMethod.PapierenFormulier, EnteredByPersonId = i % 2 == 0 ? null : new Guid(i, 0, 0, new byte[8]),
        RecordedAt = vault.Time.GetUtcNow().AddMinutes(i),
    };
}
