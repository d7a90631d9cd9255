using Vault.ChildVaultHost;
using Vault.Testing;

// A child vault for crash tests: the test host on Kestrel at 127.0.0.1, configured by the parent test (ChildVaultSpec),
// killed by it with SIGKILL. With a command it runs that operator command after start-up and exits with its code;
// otherwise it serves until its stdin is closed. The line "jit" on stdin asks how many methods it has JIT-compiled so
// far (the bench warms a path until that stops growing).
var spec = ChildVaultSpec.FromEnvironment();
await using var vault = new HostedVault(spec);
await vault.InitializeAsync();
Console.WriteLine(ChildVault.ReadyLine + vault.ServerAddress);
if (spec.Command is { Count: > 0 } command)
{
    var code = await vault.RunCommandAsync(command, CancellationToken.None);
    Console.WriteLine($"CHILD-VAULT EXIT {code}");
    return code;
}

while (await Console.In.ReadLineAsync() is { } line)
{
    if (line == ChildVault.JitQuestion)
    {
        Console.WriteLine(ChildVault.JitLine + System.Runtime.JitInfo.GetCompiledMethodCount());
    }
}

return 0;
