namespace Vault.Api.Hosting;

/// <summary>The host's configuration section <c>Vault</c>.</summary>
public sealed class VaultOptions
{
    public const string Section = "Vault";

    /// <summary>Where the embedded database, the development master key and local state live. Relative paths are taken from the content root.</summary>
    public string DataDirectory { get; set; } = "../../.vault";

    public DatabaseOptions Database { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public DevelopmentSignInOptions DevelopmentSignIn { get; set; } = new();

    public TenantOptions Identity { get; set; } = new();

    /// <summary>Seed demo schools, people and placements (Development only).</summary>
    public bool SeedDemoData { get; set; }
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (embedded default) or <c>SqlServer</c> (production).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite, empty means <c>{DataDirectory}/vault.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start-up. On by default in Development; production applies the SQL script as a deployment step.</summary>
    public bool? MigrateOnStart { get; set; }
}

public sealed class StorageOptions
{
    /// <summary>A connection string (Azurite locally). Takes precedence over <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account's blob endpoint, reached with managed identity (production).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The storage account's queue endpoint, reached with managed identity (production).</summary>
    public Uri? QueueServiceUri { get; set; }

    public string RecordingsContainer { get; set; } = "recordings";

    /// <summary>The ASP.NET Core Data Protection key ring shared by all instances (cookies, antiforgery).</summary>
    public string DataProtectionContainer { get; set; } = "data-protection";
}

public sealed class DevelopmentSignInOptions
{
    /// <summary>The persona picker. Allowed only when the environment is Development: anywhere else the vault refuses to start.</summary>
    public bool Enabled { get; set; }
}

public sealed class TenantOptions
{
    /// <summary>Entra ID tenants (the Instituut's and schools' own) whose users may sign in. Required for a multi-tenant registration.</summary>
    public List<string> AllowedTenants { get; set; } = [];
}
