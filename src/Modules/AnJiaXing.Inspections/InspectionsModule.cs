using Marten;
using Wolverine;

namespace AnJiaXing.Inspections;

/// <summary>Safety inspections (安全检查) and their tools: checklists, plans, inspections, the knowledge base.</summary>
public sealed class InspectionsModule : IAnJiaXingModule
{
    public string Name => "Inspections";

    /// <summary>The district's checklists and knowledge base, which every town's inspections use (ADR 0030).</summary>
    public IReadOnlyList<Type> SharedEvents =>
    [
        typeof(ChecklistPublished), typeof(ChecklistRevised), typeof(ChecklistRetired),
        typeof(KnowledgeDocumentPublished), typeof(KnowledgeDocumentRevised)
    ];

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
