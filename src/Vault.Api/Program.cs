using Vault.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVaultServices();

var app = builder.Build();
await app.PrepareVaultAsync();
app.UseVaultPipeline();
app.MapVaultEndpoints();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
