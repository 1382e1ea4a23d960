using AnJiaXing.Api;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
AnJiaXingHost.ConfigureServices(builder);

// `projections` (list, rebuild [-p Name], …) configures the host before building it: give it the builder, not a built host.
if (args is ["projections", ..])
    return await new DeferredHostBuilder(builder, AnJiaXingHost.Configure).RunJasperFxCommands(args);

var app = builder.Build();
AnJiaXingHost.Configure(app);

// JasperFx commands: `run` (default), `codegen`, `db-apply`, `projections`, … (see README).
return await app.RunJasperFxCommands(args);

/// <summary>Entry point marker for the test host.</summary>
public partial class Program;
