using AnJiaXing.Api;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
AnJiaXingHost.ConfigureServices(builder);

var app = builder.Build();
AnJiaXingHost.Configure(app);

// JasperFx commands: `run` (default), `codegen`, `db-apply`, `projections`, … (see README).
return await app.RunJasperFxCommands(args);

/// <summary>Entry point marker for the test host.</summary>
public partial class Program;
