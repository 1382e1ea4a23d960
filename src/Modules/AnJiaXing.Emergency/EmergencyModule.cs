using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.Emergency;

/// <summary>Emergency management (应急管理): the registers of supplies, micro fire stations, teams, experts and fire
/// facilities (one mechanism), incident reports, and the map feed.</summary>
public sealed class EmergencyModule : IAnJiaXingModule
{
    public string Name => "Emergency";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDemoSeed, Demo.EmergencyDemoSeed>();
        services.AddSingleton<IDemoSeed, Demo.EmergencyPlansDemoSeed>();
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<EmergencyResourceView>(SnapshotLifecycle.Inline);
        options.Schema.For<EmergencyResourceView>()
            .Index(x => x.Register)
            .Index(x => x.EnterpriseId)
            .Index(x => x.TownId)
            .GinIndexJsonData()
            .TrigramSearchOn(x => x.SearchText);

        options.Projections.Snapshot<IncidentView>(SnapshotLifecycle.Inline);
        options.Schema.For<IncidentView>()
            .Index(x => x.EnterpriseId)
            .Index(x => x.TownId)
            .Index(x => x.OccurredAt);

        options.Schema.For<IncidentAlert>().Index(x => x.RecipientId);

        options.Projections.Snapshot<EmergencyPlanView>(SnapshotLifecycle.Inline);
        options.Schema.For<EmergencyPlanView>().Index(x => x.TownId).Index(x => x.EnterpriseId).Index(x => x.ReviewDue);
        options.Projections.Snapshot<DrillView>(SnapshotLifecycle.Inline);
        options.Schema.For<DrillView>().Index(x => x.TownId).Index(x => x.EnterpriseId).Index(x => x.PlannedOn);
    }
}
