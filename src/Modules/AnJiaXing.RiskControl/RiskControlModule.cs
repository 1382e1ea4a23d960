using Marten;
using Wolverine;

namespace AnJiaXing.RiskControl;

/// <summary>Risk control (风险管控): risk points and their assessments, counts by level, patrol tasks and patrol records.</summary>
public sealed class RiskControlModule : IAnJiaXingModule
{
    public string Name => "RiskControl";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // Closed hazards of risk points ask for a re-assessment: followed on the async daemon like the notices' reminders.
        services.ConfigureMarten((sp, opts) => opts.Projections.Subscribe(new ResidualRiskSubscription(sp)));
        services.AddSingleton<IDemoSeed, RiskControlDemoSeed>();
        // After the demo seeder (registered by the platform before the modules): the seeded tasks get their schedulers.
        services.AddHostedService<PatrolSchedulerBootstrap>();
    }

    public void ConfigureMarten(StoreOptions options) => options.ConfigureRiskControl();

    /// <summary>
    /// The patrol windows' checks wait as durable scheduled messages (PostgreSQL), so they survive restarts and any node
    /// may run them; the re-assessment requests from closed hazards travel the same way.
    /// </summary>
    public void ConfigureWolverine(WolverineOptions options)
    {
        options.PublishMessage<PatrolWindowCloses>().ToLocalQueue(PatrolScheduler.Queue).UseDurableInbox();
        options.PublishMessage<RequestRiskReassessment>().ToLocalQueue(PatrolScheduler.Queue).UseDurableInbox();
    }
}
