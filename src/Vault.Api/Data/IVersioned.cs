namespace Vault.Api.Data;

/// <summary>
/// An entity with an app-managed optimistic concurrency token: a new value on every update, checked by
/// EF Core on both providers (SQLite has no rowversion).
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
