using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Vault.Shared.Time;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Reliability.BadInputWorld;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// Issue 11's bad-input catalogue: every case is a named request that must get a clear 4xx (problem details with a
/// stable type, no stack trace, never a 500) and store nothing — no recording, upload, pupil, group, consent, ticket,
/// blob or audit entry beyond the audited refusal itself. Related cases proven elsewhere: a master key that does not
/// match its keys stops the start (<see cref="Recordings.KeyHierarchyTests"/>), formula-like CSV cells are kept as
/// text and neutralised on export (Vault.Consent.Tests' ConsentImportTests).
/// </summary>
public sealed class BadInputCatalogueTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    // xUnit makes a test-class instance per case; the world is arranged once per fixture.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RecordingsVault, BadInputWorld> Worlds = [];

    private readonly BadInputWorld world = Worlds.GetValue(vault, v => new BadInputWorld(v));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A bad request: how to build it (after arranging what it needs), and the answer expected.</summary>
    /// <param name="Type">The problem type's slug; null where no problem body is due (401 from the bearer scheme, 416 from range processing).</param>
    public sealed record Case(Func<BadInputWorld, Task<(HttpClient Client, HttpRequestMessage Request)>> Build, HttpStatusCode Status, string? Type);

    public static TheoryData<string> Names => [.. BadInputCases.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_gets_a_clear_problem_and_nothing_is_stored(string name)
    {
        await world.EnsureAsync();
        var @case = BadInputCases.All[name];
        var (client, request) = await @case.Build(world);
        using var _ = client;
        using var __ = request;
        var before = await world.CountAsync();
        Assert.True(before.Blobs > 0, "the arranged recording's blob is counted");

        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var after = await world.CountAsync();

        Assert.True(@case.Status == response.StatusCode, $"{name}: expected {(int)@case.Status}, got {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (@case.Type is { } slug)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(Vault.Shared.Problems.ProblemKind.TypeBase + slug, problem.GetProperty("type").GetString());
            Assert.Equal((int)@case.Status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        }

        Assert.Equal(before with { OpenUploads = 0, Blobs = 0 }, after with { OpenUploads = 0, Blobs = 0 });
        Assert.InRange(after.OpenUploads, 0, before.OpenUploads);
        Assert.InRange(after.Blobs, 0, before.Blobs);
    }

    /// <summary>RFC 9110 §14.2: a server may ignore a Range it cannot use; the vault then serves the whole recording.</summary>
    [Theory]
    [InlineData("bytes=abc-def")]
    [InlineData("bytes=0-9,20-29")]
    public async Task A_malformed_or_multiple_Range_is_ignored_and_the_whole_recording_is_served(string range)
    {
        await world.EnsureAsync();
        using var client = world.Student();
        var url = await client.StreamUrlAsync(world.Recording);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await client.SendAsync(request, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(world.Recording.Length, bytes.Length);
    }
}

/// <summary>The named cases of <see cref="BadInputCatalogueTests"/>.</summary>
internal static class BadInputCases
{
    private static readonly string Upload = "/api/recordings/uploads";

    public static readonly IReadOnlyDictionary<string, BadInputCatalogueTests.Case> All = new Dictionary<string, BadInputCatalogueTests.Case>(StringComparer.Ordinal)
    {
        // Files that are not (whole) recordings: refused at completion, staging bytes and key destroyed.
        ["media: an executable renamed to .mp4"] = Completing(async _ => await File.ReadAllBytesAsync("/bin/ls"), HttpStatusCode.UnprocessableEntity, "not-media"),
        ["media: a text file renamed to .mp4"] = Completing(_ => Task.FromResult(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Geen film. ", 3000)))), HttpStatusCode.UnprocessableEntity, "not-media"),
        ["media: a truncated MP4 (first half)"] = Completing(w => Task.FromResult(w.Media[..(w.Media.Length / 2)]), HttpStatusCode.UnprocessableEntity, "not-media"),
        ["media: zero bytes"] = Completing(_ => Task.FromResult(Array.Empty<byte>()), HttpStatusCode.UnprocessableEntity, "upload-empty"),
        ["media: a polyglot (an HTML page with an MP4 behind it)"] = Completing(
            w => Task.FromResult<byte[]>([.. Encoding.ASCII.GetBytes("<html><script>alert(document.cookie)</script></html>\n"), .. w.Media]), HttpStatusCode.UnprocessableEntity, "not-media"),
        ["media: a polyglot (a PDF with an MP4 behind it)"] = Completing(
            w => Task.FromResult<byte[]>([.. Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"), .. w.Media]), HttpStatusCode.UnprocessableEntity, "not-media"),
        ["upload: complete before every declared byte arrived"] = new(async w =>
        {
            using var student = w.Student();
            var upload = await RecordingsVault.StartUploadAsync(student, w.Ticket, w.Media.Length);
            (await RecordingsVault.AppendAsync(student, upload.Id, 0, RecordingsVault.Octets(w.Media, 0, 1000))).EnsureSuccessStatusCode();
            return (w.Student(), new HttpRequestMessage(HttpMethod.Post, $"{Upload}/{upload.Id}/complete"));
        }, HttpStatusCode.Conflict, "upload-incomplete"),

        // Sizes: refused before the first byte, or as the bytes arrive.
        ["upload: bytes beyond the size limit, refused while streaming"] = Appending(null, _ => RecordingsVault.Octets(new byte[(4 * 1024 * 1024) + 1]), HttpStatusCode.RequestEntityTooLarge, "upload-too-large"),
        ["upload: more bytes than the declared size"] = Appending(100, _ => RecordingsVault.Octets(new byte[101]), HttpStatusCode.RequestEntityTooLarge, "upload-too-large"),
        ["upload: a declared size beyond the limit"] = Student(w => Json(HttpMethod.Post, Upload, new StartUploadRequest(w.Ticket, "les.mp4", 5L * 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge, "upload-too-large"),
        ["upload: a negative declared size"] = Student(w => Json(HttpMethod.Post, Upload, new StartUploadRequest(w.Ticket, "les.mp4", -1)), HttpStatusCode.BadRequest, "validation"),

        // The PATCH protocol: content type and offset.
        ["upload: bytes sent as text/plain"] = Appending(10, _ => new StringContent("0123456789", Encoding.ASCII, "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported-media"),
        ["upload: bytes sent without a content type"] = Appending(10, _ => new ByteArrayContent(new byte[10]), HttpStatusCode.UnsupportedMediaType, "unsupported-media"),
        ["upload: bytes without an Upload-Offset"] = Appending(10, _ => RecordingsVault.Octets(new byte[10]), HttpStatusCode.BadRequest, "bad-request", offset: null),
        ["upload: bytes at the wrong offset"] = Appending(10, _ => RecordingsVault.Octets(new byte[10]), HttpStatusCode.Conflict, "upload-offset-mismatch", offset: 5),
        ["upload: start sent as text/plain"] = Student(w => new HttpRequestMessage(HttpMethod.Post, Upload)
        {
            Content = new StringContent($$"""{"ticketId":"{{w.Ticket}}","fileName":"les.mp4","size":10}""", Encoding.UTF8, "text/plain"),
        }, HttpStatusCode.UnsupportedMediaType, "unsupported-media"),

        // File names: no paths, no control or direction characters, bounded.
        ["file name: path traversal (../)"] = FileName("../../../etc/passwd.mp4"),
        ["file name: Windows path traversal (..\\)"] = FileName(@"..\..\Windows\win.ini.mp4"),
        ["file name: an absolute path"] = FileName("/var/lib/vault/les.mp4"),
        ["file name: NUL and newline characters"] = FileName("les\0.mp4\r\nX-Injected: 1"),
        ["file name: a right-to-left override hiding the extension"] = FileName("les\u202Egnp.exe"),
        ["file name: 300 characters"] = FileName(new string('a', 296) + ".mp4"),

        // JSON: unknown fields refused, nesting and size bounded, broken JSON refused.
        ["json: an unknown field"] = Student(w => Json(HttpMethod.Post, Upload, $$"""{"ticketId":"{{w.Ticket}}","fileName":"les.mp4","size":10,"isAdmin":true}"""), HttpStatusCode.BadRequest, "bad-request"),
        ["json: nested 10,000 levels deep"] = Student(w => Json(HttpMethod.Post, Upload, $$"""{"ticketId":"{{w.Ticket}}","fileName":"les.mp4","size":10,"x":{{new string('[', 10_000)}}{{new string(']', 10_000)}}}"""), HttpStatusCode.BadRequest, "bad-request"),
        ["json: a 1 MB file name"] = FileName(new string('a', 1024 * 1024) + ".mp4"),
        ["json: cut off halfway"] = Student(w => Json(HttpMethod.Post, Upload, $$"""{"ticketId":"{{w.Ticket}}","fileNa"""), HttpStatusCode.BadRequest, "bad-request"),
        ["json: an unknown enum value"] = Student(w => Json(HttpMethod.Post, Upload, $$"""{"ticketId":"{{w.Ticket}}","fileName":"les.mp4","size":10,"capture":"Screenshot"}"""), HttpStatusCode.BadRequest, "bad-request"),

        // Dates.
        ["gate: a device recording dated tomorrow"] = Student(w => Json(HttpMethod.Post, "/api/gate/decisions",
            w.Vault.Question(w.Klas, informed: InformedHow.Mondeling, at: w.Vault.Time.GetUtcNow().AddDays(1))), HttpStatusCode.BadRequest, "validation"),
        ["gate: recorded 31 July 2026 23:30, before the placement's school year"] = Student(w => Json(HttpMethod.Post, "/api/gate/decisions",
            w.Vault.Question(w.Klas, informed: InformedHow.Mondeling, at: new DateTimeOffset(2026, 7, 31, 23, 30, 0, TimeSpan.FromHours(2)))), HttpStatusCode.BadRequest, "validation"),
        ["consent: a pupil born on 29 February 2013 (no leap year)"] = Admin(w => Json(HttpMethod.Post, "/api/consent/pupils",
            $$"""{"schoolLocationId":"{{w.World.SchoolLocationId}}","pupilNumber":"290213","name":"Schrikkel Kind","birthDate":"2013-02-29","groupId":null}"""), HttpStatusCode.BadRequest, "bad-request"),
        ["consent: a pupil born in the future"] = Admin(w => Json(HttpMethod.Post, "/api/consent/pupils",
            new CreatePupilRequest(w.World.SchoolLocationId, "toekomst", "Nog Niet Geboren", Today(w).AddDays(3), null)), HttpStatusCode.BadRequest, "validation"),
        ["consent: a consent given in the future"] = Admin(w => Json(HttpMethod.Post, $"/api/consent/pupils/{w.Klas.Pupils[0].Id}/consents",
            new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, Today(w).AddDays(2), Today(w), ConsentMethod.PapierenFormulier)), HttpStatusCode.BadRequest, "validation"),
        ["consent: informed after consenting (R3)"] = Admin(w => Json(HttpMethod.Post, $"/api/consent/pupils/{w.Klas.Pupils[0].Id}/consents",
            new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, Today(w).AddDays(-10), Today(w).AddDays(-2), ConsentMethod.PapierenFormulier)), HttpStatusCode.BadRequest, "validation"),

        // The same pupil twice; ids of another school.
        ["consent: a pupil number present twice at the school"] = Admin(w => Json(HttpMethod.Post, "/api/consent/pupils",
            new CreatePupilRequest(w.World.SchoolLocationId, w.Klas.Pupils[0].PupilNumber, "Dubbel", Today(w).AddYears(-12), null)), HttpStatusCode.BadRequest, "validation"),
        ["csv: the same pupil twice in one file"] = Admin(w => Import(w, Encoding.UTF8.GetBytes(CsvHeader + "\n700;Anna;01-02-2013;1A;;;;;\n700;Anna;01-02-2013;1A;;;;;\n")),
            HttpStatusCode.BadRequest, "import-invalid"),
        ["consent: a pupil of another school added to a group"] = Admin(w => Json(HttpMethod.Post, $"/api/consent/groups/{w.Klas.Group.Id}/members",
            new AddMemberRequest(w.OtherKlas.Pupils[0].Id, null)), HttpStatusCode.BadRequest, "validation"),
        ["consent: a consent for a pupil of another school"] = Admin(w => Json(HttpMethod.Post, $"/api/consent/pupils/{w.OtherKlas.Pupils[0].Id}/consents",
            new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, Today(w).AddDays(-3), Today(w).AddDays(-5), ConsentMethod.PapierenFormulier)), HttpStatusCode.NotFound, "not-found"),
        ["gate: a class of another school"] = Student(w => Json(HttpMethod.Post, "/api/gate/decisions",
            w.Vault.Question(w.Klas, informed: InformedHow.Mondeling) with { GroupId = w.OtherKlas.Group.Id }), HttpStatusCode.BadRequest, "validation"),

        // Tickets.
        ["ticket: already redeemed by a stored recording"] = Student(w => Json(HttpMethod.Post, Upload, new StartUploadRequest(w.UsedTicket, "les.mp4", 10)), HttpStatusCode.Conflict, "upload-ticket-invalid"),
        ["ticket: of another student's placement"] = Student(async w =>
            Json(HttpMethod.Post, Upload, new StartUploadRequest(await w.Vault.GetUploadTicketAsync(w.OtherSchool), "les.mp4", 10)), HttpStatusCode.Conflict, "upload-ticket-invalid"),
        ["ticket: expired"] = Student(async w =>
        {
            var ticket = await w.Vault.GetUploadTicketAsync(w.World);
            await w.Vault.WithDbAsync(db => db.Set<GateDecision>().Where(d => d.TicketId == ticket)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.TicketExpiresAt, w.Vault.Time.GetUtcNow().AddMinutes(-1))));
            return Json(HttpMethod.Post, Upload, new StartUploadRequest(ticket, "les.mp4", 10));
        }, HttpStatusCode.Conflict, "upload-ticket-invalid"),
        ["ticket: unknown"] = Student(_ => Json(HttpMethod.Post, Upload, new StartUploadRequest(Guid.NewGuid(), "les.mp4", 10)), HttpStatusCode.Conflict, "upload-ticket-invalid"),

        // Tokens: the bearer scheme answers 401 with a WWW-Authenticate challenge (no problem body needed).
        ["token: malformed"] = Token(_ => "not.a.token"),
        ["token: expired"] = Token(w => TestTokens.Create(w.World.Student.ObjectId, w.World.Student.Tenant, "x", w.World.Student.Roles,
            notBefore: TimeProvider.System.GetUtcNow().AddHours(-3), lifetime: TimeSpan.FromHours(1))),
        ["token: wrong audience"] = Token(w => TestTokens.Create(w.World.Student.ObjectId, w.World.Student.Tenant, "x", w.World.Student.Roles, audience: "api://someone-else")),
        ["token: wrong tenant"] = Token(w => TestTokens.Create(w.World.Student.ObjectId, TestTokens.ForeignTenant, "x", w.World.Student.Roles)),
        ["token: unsigned (alg none)"] = Token(w => TestTokens.Unsigned(w.World.Student.ObjectId, w.World.Student.Tenant, w.World.Student.Roles)),
        ["token: signed by another key"] = Token(w => TestTokens.Create(w.World.Student.ObjectId, w.World.Student.Tenant, "x", w.World.Student.Roles, key: TestTokens.OtherKey)),

        // Range: beyond the end is 416 (with Content-Range: bytes */length); malformed and multiple ranges are ignored (see the theory above).
        ["range: beyond the end"] = Student(async w =>
        {
            using var student = w.Student();
            var request = new HttpRequestMessage(HttpMethod.Get, await student.StreamUrlAsync(w.Recording));
            request.Headers.Range = new RangeHeaderValue(w.Recording.Length + 10, w.Recording.Length + 20);
            return request;
        }, HttpStatusCode.RequestedRangeNotSatisfiable, null),

        // The consent import (CSV): only UTF-8, at most ConsentCsv.MaxRows (20,000) rows — 100,000 is refused whole.
        ["csv: Windows-1252 instead of UTF-8"] = Admin(w => Import(w, [.. Encoding.ASCII.GetBytes(CsvHeader + "\n100;Zo"), 0xEB, .. Encoding.ASCII.GetBytes(";01-02-2013;1A;;;;;\n")]),
            HttpStatusCode.UnsupportedMediaType, "import-encoding"),
        ["csv: UTF-16"] = Admin(w => Import(w, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(CsvHeader + "\n100;A;01-02-2013;1A;;;;;\n")]),
            HttpStatusCode.UnsupportedMediaType, "import-encoding"),
        ["csv: 100,000 rows"] = Admin(w => Import(w, Encoding.UTF8.GetBytes(CsvHeader + "\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"{i};A;01-02-2013;1A;;;;;\n")))),
            HttpStatusCode.RequestEntityTooLarge, "import-too-many-rows"),
        ["csv: a formula cell in a row with an error"] = Admin(w => Import(w, Encoding.UTF8.GetBytes(CsvHeader + "\n100;=HYPERLINK(\"http://evil\");31-02-2013;1A;;;;;\n")),
            HttpStatusCode.BadRequest, "import-invalid"),
        ["csv: no required columns"] = Admin(w => Import(w, Encoding.UTF8.GetBytes("a;b;c\n1;2;3\n")), HttpStatusCode.BadRequest, "import-columns"),
    };

    private const string CsvHeader = "leerlingnummer;naam;geboortedatum;klas;beeld;geluid;gegeven_door;datum_toestemming;datum_geinformeerd";

    private static DateOnly Today(BadInputWorld w) => SchoolCalendar.DateInAmsterdam(w.Vault.Time.GetUtcNow());

    private static HttpRequestMessage Import(BadInputWorld w, byte[] csv) =>
        new(HttpMethod.Post, $"/api/consent/locations/{w.World.SchoolLocationId}/imports") { Content = Csv(csv) };

    private static BadInputCatalogueTests.Case Student(Func<BadInputWorld, HttpRequestMessage> build, HttpStatusCode status, string? type) =>
        new(w => Task.FromResult((w.Student(), build(w))), status, type);

    private static BadInputCatalogueTests.Case Student(Func<BadInputWorld, Task<HttpRequestMessage>> build, HttpStatusCode status, string? type) =>
        new(async w => (w.Student(), await build(w)), status, type);

    private static BadInputCatalogueTests.Case Admin(Func<BadInputWorld, HttpRequestMessage> build, HttpStatusCode status, string type) =>
        new(w => Task.FromResult((w.ConsentAdmin(), build(w))), status, type);

    private static BadInputCatalogueTests.Case FileName(string name) =>
        Student(w => Json(HttpMethod.Post, Upload, new StartUploadRequest(w.Ticket, name, 10)), HttpStatusCode.BadRequest, "validation");

    private static BadInputCatalogueTests.Case Token(Func<BadInputWorld, string> token) =>
        new(w => Task.FromResult((w.Vault.WithToken(token(w)), Json(HttpMethod.Post, Upload, new StartUploadRequest(w.Ticket, "les.mp4", 10)))), HttpStatusCode.Unauthorized, null);

    /// <summary>The bytes are uploaded (arranged); the case is the completion.</summary>
    private static BadInputCatalogueTests.Case Completing(Func<BadInputWorld, Task<byte[]>> bytes, HttpStatusCode status, string type) =>
        new(async w =>
        {
            var upload = await w.StartedUploadAsync(await bytes(w));
            return (w.Student(), new HttpRequestMessage(HttpMethod.Post, $"{Upload}/{upload.Id}/complete"));
        }, status, type);

    /// <summary>An upload is started (arranged); the case is a PATCH.</summary>
    private static BadInputCatalogueTests.Case Appending(long? declared, Func<BadInputWorld, HttpContent> content, HttpStatusCode status, string type, long? offset = 0) =>
        new(async w =>
        {
            using var student = w.Student();
            var upload = await RecordingsVault.StartUploadAsync(student, w.Ticket, declared);
            return (w.Student(), Patch(upload.Id, content(w), offset));
        }, status, type);
}
