using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Monitoring;

/// <summary>
/// Monitoring and early warning (监测预警): major hazard sources graded by GB 18218-2018 with their monitoring points,
/// devices (sensors with keys, cameras), telemetry into a time-partitioned readings table, and alarms as event streams.
/// </summary>
public sealed class MonitoringModule : IAnJiaXingModule
{
    public string Name => "Monitoring";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReadingsTable>();
        services.AddSingleton<TelemetryIngest>();
        services.AddSingleNodeWork<ReadingsMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadingsMaintenance>());
        services.AddSingleton<IDemoSeed, Demo.MonitoringDemoSeed>();
    }

    public void ConfigureMarten(StoreOptions opts)
    {
        opts.Projections.Snapshot<MajorHazardSourceView>(SnapshotLifecycle.Inline);
        opts.Schema.For<MajorHazardSourceView>().Index(x => x.EnterpriseId).Index(x => x.TownId).Index(x => x.Grade);
        opts.Projections.Add(new MonitoringPointsProjection(), ProjectionLifecycle.Inline, MonitoringPointsProjection.Name);
        opts.Schema.For<MonitoringPoint>().Index(x => x.EnterpriseId);

        opts.Projections.Snapshot<DeviceView>(SnapshotLifecycle.Inline);
        opts.Schema.For<DeviceView>().Index(x => x.EnterpriseId).Index(x => x.TownId);
        opts.Schema.For<DeviceCredential>();

        opts.Projections.Snapshot<AlarmView>(SnapshotLifecycle.Inline);
        opts.Schema.For<AlarmView>().Index(x => x.EnterpriseId).Index(x => x.TownId).Index(x => x.Status).Index(x => x.RaisedAt)
            .Index(x => x.PointCode);
        // Telemetry and a resolve may change the same state at once: the later commit fails and is retried or answered 409.
        opts.Schema.For<PointAlarmState>().UseOptimisticConcurrency(true);

        opts.Projections.Snapshot<EquipmentView>(SnapshotLifecycle.Inline);
        opts.Schema.For<EquipmentView>().Index(x => x.EnterpriseId).Index(x => x.TownId).Index(x => x.ExpiresOn);
        opts.Projections.Snapshot<CertificateView>(SnapshotLifecycle.Inline);
        opts.Schema.For<CertificateView>().Index(x => x.EnterpriseId).Index(x => x.TownId).Index(x => x.ExpiresOn);
    }
}
