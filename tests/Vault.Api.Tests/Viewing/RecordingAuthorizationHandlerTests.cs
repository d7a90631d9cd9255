using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Vault.Api.Placements;
using Vault.Api.Recordings;
using Vault.Api.Viewing;
using Vault.Shared.Identity;
using Xunit;

namespace Vault.Api.Tests.Viewing;

/// <summary>The handler alone, operation by operation, against every kind of participation.</summary>
public sealed class RecordingAuthorizationHandlerTests
{
    private static readonly Guid Me = Guid.NewGuid();

    public static TheoryData<string, string, bool> Cases() => new()
    {
        // operation, participation, allowed
        { "View", "student", true }, { "View", "io", true }, { "View", "wpb", true }, { "View", "so", true }, { "View", "werkbegeleider", true },
        { "View", "assessor", true }, { "View", "contactpersoon", false }, { "View", "none", false },
        { "Comment", "student", true }, { "Comment", "io", true }, { "Comment", "wpb", true }, { "Comment", "so", true }, { "Comment", "werkbegeleider", true },
        { "Comment", "assessor", true }, { "Comment", "contactpersoon", false }, { "Comment", "none", false },
        { "Assess", "student", false }, { "Assess", "io", true }, { "Assess", "wpb", false }, { "Assess", "so", false }, { "Assess", "werkbegeleider", false },
        { "Assess", "assessor", false }, { "Assess", "none", false },
        { "AddAssessor", "student", false }, { "AddAssessor", "io", true }, { "AddAssessor", "wpb", false }, { "AddAssessor", "assessor", false }, { "AddAssessor", "none", false },
        { "Redact", "student", true }, { "Redact", "io", false }, { "Redact", "wpb", false }, { "Redact", "assessor", false }, { "Redact", "none", false },
        { "Delete", "student", true }, { "Delete", "io", false }, { "Delete", "wpb", false }, { "Delete", "assessor", false }, { "Delete", "none", false },
        { "Clip", "student", true }, { "Clip", "io", false }, { "Clip", "so", false }, { "Clip", "assessor", false }, { "Clip", "none", false },
        { "PlaceHold", "student", false }, { "PlaceHold", "io", false }, { "PlaceHold", "none", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_operation_is_allowed_exactly_for_the_people_it_belongs_to(string operation, string participation, bool allowed)
    {
        var requirement = Operation(operation);

        var result = await DecideAsync(requirement, Of(participation), VaultRoles.All);

        Assert.Equal(allowed, result);
    }

    [Theory]
    [InlineData(VaultRoles.PrivacyOfficer)]
    [InlineData(VaultRoles.ConsentAdministrator)]
    [InlineData(VaultRoles.InstituteAdministrator)]
    public async Task An_officer_or_administrator_role_grants_nothing_without_a_place_on_the_placement(string role)
    {
        foreach (var operation in new[] { "View", "Comment", "Assess", "AddAssessor", "Redact", "Delete", "Clip", "PlaceHold" })
        {
            Assert.False(await DecideAsync(Operation(operation), Participation.None, [role]));
        }

        Assert.True(await DecideAsync(RecordingOperations.View, Of("wpb"), [role]));
    }

    [Fact]
    public async Task A_caller_unknown_to_the_vault_is_denied_even_when_the_lookup_would_say_yes()
    {
        var handler = new RecordingAuthorizationHandler(new Actor(null, []), new FixedParticipation(Of("student")));
        var context = new AuthorizationHandlerContext([RecordingOperations.View], new ClaimsPrincipal(), Recording());

        await handler.HandleAsync(context);

        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task An_unknown_operation_is_denied_for_everyone()
    {
        Assert.False(await DecideAsync(new OperationAuthorizationRequirement { Name = "Publish" }, Of("student"), VaultRoles.All));
        Assert.False(await DecideAsync(new OperationAuthorizationRequirement { Name = "Publish" }, Of("io"), VaultRoles.All));
    }

    private static async Task<bool> DecideAsync(OperationAuthorizationRequirement requirement, Participation participation, IReadOnlyList<string> roles)
    {
        var handler = new RecordingAuthorizationHandler(new Actor(Me, roles), new FixedParticipation(participation));
        var context = new AuthorizationHandlerContext([requirement], new ClaimsPrincipal(), Recording());
        await handler.HandleAsync(context);
        return context.HasSucceeded;
    }

    private static OperationAuthorizationRequirement Operation(string name) =>
        (OperationAuthorizationRequirement)typeof(RecordingOperations).GetField(name)!.GetValue(null)!;

    private static Participation Of(string who) => who switch
    {
        "student" => new Participation(true, new HashSet<CoachRole>(), false),
        "io" => Coach(CoachRole.Instituutsopleider),
        "wpb" => Coach(CoachRole.Werkplekbegeleider),
        "so" => Coach(CoachRole.Schoolopleider),
        "werkbegeleider" => Coach(CoachRole.Werkbegeleider),
        "contactpersoon" => Coach(CoachRole.ContactpersoonWerkgever),
        "assessor" => new Participation(false, new HashSet<CoachRole>(), true),
        _ => Participation.None,
    };

    private static Participation Coach(CoachRole role) => new(false, new HashSet<CoachRole> { role }, false);

    private static Recording Recording() => new()
    {
        Id = Guid.NewGuid(), PlacementId = Guid.NewGuid(), StudentId = Guid.NewGuid(), FileName = "les.mp4",
        Content = new RecordingContent { BlobName = "b", ContentType = "video/mp4", Sha256 = "00" },
    };

    private sealed class FixedParticipation(Participation participation) : IRecordingParticipation
    {
        public Task<Participation> OfAsync(Guid personId, Guid recordingId, Guid placementId, Guid studentId, CancellationToken cancellationToken) => Task.FromResult(participation);
    }

    private sealed class Actor(Guid? personId, IReadOnlyList<string> roles) : ICurrentActor
    {
        public Guid? PersonId => personId;

        public string DisplayName => "test";

        public IReadOnlySet<string> Roles => roles.ToHashSet();

        public string? IpAddress => null;

        public string? UserAgent => null;

        public bool IsInRole(string role) => roles.Contains(role);

        public Task<IReadOnlySet<Guid>> ConsentSchoolLocationsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>());

        public Task<PrivacyScope> PrivacyScopeAsync(CancellationToken cancellationToken) => Task.FromResult(PrivacyScope.None);
    }
}
