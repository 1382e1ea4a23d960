using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;

namespace AnJiaXing.Hazards;

/// <summary>The hazard ledger (隐患管理): the lifecycle, its rules and commands, the read models.</summary>
public sealed class HazardsModule : IAnJiaXingModule
{
    public string Name => "Hazards";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAuthorizationHandler, HazardAuthorizationHandler>();
        services.AddSingleton<IDemoSeed, HazardDemoSeed>();
    }

    public void ConfigureMarten(StoreOptions options) => options.ConfigureHazards();

    /// <summary>
    /// Commands from other modules (findings to report, recheck verdicts) travel on a durable local queue: the envelope
    /// is stored with the sender's transaction and survives a crash.
    /// </summary>
    public void ConfigureWolverine(WolverineOptions options)
    {
        options.PublishMessage<RaiseHazardFromFinding>().ToLocalQueue(CommandsQueue).UseDurableInbox();
        options.PublishMessage<RecordRecheck>().ToLocalQueue(CommandsQueue).UseDurableInbox();
    }

    public const string CommandsQueue = "hazard-commands";
}
