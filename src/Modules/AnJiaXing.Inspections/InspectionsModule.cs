using Marten;
using Wolverine;

namespace AnJiaXing.Inspections;

/// <summary>Safety inspections (安全检查) and their tools: checklists, plans, inspections, the knowledge base.</summary>
public sealed class InspectionsModule : IAnJiaXingModule
{
    public string Name => "Inspections";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDemoSeed, InspectionDemoSeed>();
        services.AddHostedService<BuiltInChecklistPublisher>();
        services.AddHostedService<BuiltInKnowledgePublisher>();
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.ConfigureInspections();
        options.ConfigureChecklists();
        options.ConfigureKnowledge();
    }

    public void ConfigureWolverine(WolverineOptions options) => options.ConfigureInspectionMessaging();
}
