using Vault.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVaultServices();

var app = builder.Build();
await app.PrepareVaultAsync();

if (VaultCommands.IsCommand(args))
{
    // Operator commands (audit verify, retention plan/run, ...) use the same services without serving HTTP.
    return await VaultCommands.RunAsync(app, args);
}

app.UseVaultPipeline();
app.MapVaultEndpoints();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
