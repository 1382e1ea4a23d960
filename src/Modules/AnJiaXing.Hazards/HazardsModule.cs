using AnJiaXing.Hazards.Supervision;
using Marten;
using Wolverine;

namespace AnJiaXing.Hazards;

/// <summary>The hazard ledger (隐患管理): the lifecycle, its rules and commands, the read models.</summary>
public sealed class HazardsModule : IAnJiaXingModule
{
    public string Name => "Hazards";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDemoSeed, HazardDemoSeed>();
        services.AddSingleton<IDemoSeed, DistrictHazardSeed>();
        services.AddSingleton<IStoreUpgrade, EnterpriseHazardLedgerRetirement>();
        services.Configure<OverdueSupervisionOptions>(configuration.GetSection(OverdueSupervisionOptions.Section));
        // Deadlines schedule their overdue escalations (督办) from the ledger on the async daemon (ADR 0025).
        services.ConfigureMarten((sp, opts) => opts.Projections.Subscribe(new OverdueSupervisionSubscription(sp)));
    }

    public void ConfigureMarten(StoreOptions options) => options.ConfigureHazards();

    /// <summary>
    /// Commands from other modules (findings, abnormal patrol results and city dispatches to report, recheck verdicts) travel on a durable local queue: the envelope
    /// is stored with the sender's transaction and survives a crash. One at a time, so an inspection's findings are
    /// reported (and answered) in the order they were signed.
    /// </summary>
    public void ConfigureWolverine(WolverineOptions options)
    {
        options.PublishMessage<RaiseHazardFromFinding>().ToLocalQueue(CommandsQueue).UseDurableInbox().Sequential();
        options.PublishMessage<RecordRecheck>().ToLocalQueue(CommandsQueue).UseDurableInbox().Sequential();
        options.PublishMessage<RaiseHazardFromPatrol>().ToLocalQueue(CommandsQueue).UseDurableInbox().Sequential();
        options.PublishMessage<RaiseHazardFromDispatch>().ToLocalQueue(CommandsQueue).UseDurableInbox().Sequential();
        // Overdue escalations wait days as durable scheduled envelopes; one at a time, so two never race on a stream.
        options.PublishMessage<OverdueEscalationDue>().ToLocalQueue(SupervisionQueue).UseDurableInbox().Sequential();
    }

    public const string SupervisionQueue = "hazard-supervision";

    public const string CommandsQueue = "hazard-commands";
}
