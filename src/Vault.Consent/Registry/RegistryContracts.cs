namespace Vault.Consent.Registry;

public sealed record CreatePupilRequest(Guid SchoolLocationId, string PupilNumber, string Name, DateOnly BirthDate, Guid? GroupId);

public sealed record PupilView(Guid Id, Guid SchoolLocationId, string PupilNumber, string Name, DateOnly BirthDate);

public sealed record CreateGroupRequest(Guid SchoolLocationId, int SchoolYear, string Name);

public sealed record GroupView(Guid Id, Guid SchoolLocationId, int SchoolYear, string Name);

public sealed record AddMemberRequest(Guid PupilId, DateOnly? From);

public sealed record RecordConsentRequest(
    int? SchoolYear, MediumDecision Beeld, MediumDecision Geluid, ConsentGiver GivenBy, DateOnly GivenOn, DateOnly InformedOn, ConsentMethod Method);

public enum WithdrawMedia
{
    Beeld = 0,
    Geluid = 1,
    BeeldEnGeluid = 2,
}

public sealed record WithdrawConsentRequest(WithdrawMedia Media, ConsentGiver By);

public sealed record ConsentRecordView(
    Guid Id, Guid PupilId, int SchoolYear, ConsentRecordKind Kind, MediumDecision Beeld, MediumDecision Geluid, ConsentGiver GivenBy,
    DateOnly GivenOn, DateOnly InformedOn, ConsentMethod Method, Guid? EnteredByPersonId, DateTimeOffset RecordedAt)
{
    public static ConsentRecordView From(ConsentRecord r) =>
        new(r.Id, r.PupilId, r.SchoolYear, r.Kind, r.Beeld, r.Geluid, r.GivenBy, r.GivenOn, r.InformedOn, r.Method, r.EnteredByPersonId, r.RecordedAt);
}

public sealed record ConsentInForceView(Guid PupilId, DateOnly On, int SchoolYear, ConsentState Beeld, ConsentState Geluid, ConsentRecordView? InForce, IReadOnlyList<ConsentRecordView> History);

public sealed record WithdrawalView(ConsentRecordView Record, int RecordingsMarked);

public sealed record OverviewPupil(Guid Id, string PupilNumber, string Name, int Age, ConsentState Beeld, ConsentState Geluid);

public sealed record OverviewTotals(int Gegeven, int Geweigerd, int Ontbreekt);

public sealed record GroupOverview(GroupView Group, DateOnly On, IReadOnlyList<OverviewPupil> Pupils, OverviewTotals Beeld, OverviewTotals Geluid);

public sealed record RolloverRequest(int FromSchoolYear);

public sealed record RolloverView(int SchoolYear, int GroupsCreated, int MembershipsCarried);
