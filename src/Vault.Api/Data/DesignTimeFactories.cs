using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vault.Api.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVaultDbContext>
{
    public SqliteVaultDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVaultDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerVaultDbContext>
{
    public SqlServerVaultDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerVaultDbContext>().UseSqlServer("Server=design-time;Database=MediaVault;Integrated Security=true;TrustServerCertificate=true").Options);
}
