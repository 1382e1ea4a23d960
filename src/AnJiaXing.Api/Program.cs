using AnJiaXing.Api;
using AnJiaXing.Platform.Logging;
using AnJiaXing.Platform.Persistence;
using JasperFx;

// A verb prints only its result on stdout; JasperFx's banner and the host's logs go to stderr.
CommandLineOutput.Prepare(args);

var builder = WebApplication.CreateBuilder(args);
AnJiaXingHost.ConfigureServices(builder);

if (CommandLineOutput.IsVerb)
{
    CommandLineOutput.ApplyJasperFxExtensionsQuietly(builder.Services);

    // `projections` needs the database: a bad connection string or password is one line on stderr, not a stack trace.
    if (args is ["projections", ..]
        && await CommandLineOutput.DatabaseFaultAsync(builder.Configuration.GetConnectionString(MartenSetup.ConnectionStringName)) is { } fault)
    {
        await Console.Error.WriteLineAsync(fault);
        return 2;
    }

    // Verbs configure the host before building it, or never build it (`ledger verify` needs only a connection):
    // give them the builder, not a built host.
    return await new DeferredHostBuilder(builder, AnJiaXingHost.Configure).RunJasperFxCommands(args);
}

var app = builder.Build();
AnJiaXingHost.Configure(app);

// JasperFx commands: `run` (default), `codegen`, `db-apply`, `projections`, `ledger` … (see README).
return await app.RunJasperFxCommands(args);

/// <summary>Entry point marker for the test host.</summary>
public partial class Program;
