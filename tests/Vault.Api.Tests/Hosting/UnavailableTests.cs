using Azure;
using Microsoft.Data.Sqlite;
using Vault.Api.Hosting;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>A dependency that is down or full is a 503 with Retry-After (the upload resumes later), never a 500; a client's mistake stays what it is.</summary>
public sealed class UnavailableTests
{
    public static TheoryData<string, Exception, string?> Cases => new()
    {
        { "storage unreachable", new RequestFailedException("connection refused"), Unavailable.Storage.Slug },
        { "storage answers 503", new RequestFailedException(503, "Server busy"), Unavailable.Storage.Slug },
        { "storage full (Azurite's memory store)", new RequestFailedException(409, "Cannot add an extent chunk", Unavailable.StorageFull, null), Unavailable.Storage.Slug },
        { "wrapped in the completion's IOException", new IOException("segment", new RequestFailedException(500, "Internal")), Unavailable.Storage.Slug },
        { "database locked", new SqliteException("locked", 5), Unavailable.Database.Slug },
        { "blob already exists (a bug, not an outage)", new RequestFailedException(409, "exists", "BlobAlreadyExists", null), null },
        { "not found", new RequestFailedException(404, "missing", "BlobNotFound", null), null },
        { "a plain bug", new InvalidOperationException("bug"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outages_are_told_from_bugs(string situation, Exception exception, string? expected)
    {
        Assert.True(expected == Unavailable.Classify(exception)?.Slug, situation);
    }
}
