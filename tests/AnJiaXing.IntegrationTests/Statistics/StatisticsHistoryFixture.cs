using AnJiaXing.IntegrationTests.Hazards;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>
/// Two past months of history, appended through Marten with their own timestamps (district time, UTC+8), for the
/// figures that depend on when things happened. All of 南翔化工 (南翔镇, 危化):
/// HA general, reported 10-10, assigned with a deadline of 10-20, rectified late 11-02, closed 11-05 ·
/// HB major, reported 10-31 23:30 (pending confirmation) · HC general, reported 11-01 00:30 · HD general, reported
/// 11-30 23:59, withdrawn 12-01 00:10 · HE general, reported 12-01 00:05.
/// Inspections, submitted: I1 Routine 10-20 · I2 SpecialAction 11-03 · I3 Routine 11-04, raising one hazard ·
/// I4 Holiday 12-01 09:00.
/// </summary>
public class StatisticsHistoryFixture : HazardFixture
{
    private static DateTimeOffset At(int month, int day, int hour, int minute) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureServices(s =>
        {
            foreach (var d in s.Where(d => d.ServiceType == typeof(IDemoSeed) && d.ImplementationType != typeof(DistrictSeed)).ToList())
                s.Remove(d);
        });
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
            .DaemonForMainDatabase().StartAllAsync();

        Organisation town;
        await using (var q = Store.QuerySession())
            town = (await q.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Town && o.Name == "南翔镇").ToListAsync()).Single();
        var by = new Actor(Users["town.nanxiang"], "南翔镇安监", Role.TownSupervisor, town.Id, town.Name);
        var enterprise = NanxiangChemicals;

        HazardReported Report(Guid id, HazardLevel level) => new(id, enterprise, "南翔化工", town.Id, town.Name, IndustryDomain.HazardousChemicals,
            level, HazardCategory.Fire, "历史隐患", null, null, null, HazardSource.SupervisionInspection, null, null, null, [], At(10, 1, 0, 0), by);

        await using var session = Store.LightweightSession();
        void Stream<T>(Guid id, params (object Event, DateTimeOffset At)[] events) where T : class
        {
            session.Events.StartStream<T>(id, events.Select(e => e.Event).ToArray());
            var pending = session.PendingChanges.Streams().Single(s => s.Id == id).Events;
            for (var i = 0; i < events.Length; i++) pending[i].Timestamp = events[i].At;
        }

        Guid ha = Guid.CreateVersion7(), hb = Guid.CreateVersion7(), hc = Guid.CreateVersion7(), hd = Guid.CreateVersion7(), he = Guid.CreateVersion7();
        Stream<HazardView>(ha,
            (Report(ha, HazardLevel.General), At(10, 10, 10, 0)),
            (new RectificationAssigned(ha, enterprise, Users["ent.a2"], "整改负责人", At(10, 20, 18, 0), "整改", null, null, by), At(10, 10, 11, 0)),
            (new RectificationSubmitted(ha, enterprise, "已整改", [], false, by), At(11, 2, 9, 0)),
            (new RecheckPassed(ha, enterprise, "合格", [], by), At(11, 5, 9, 0)),
            (new HazardClosed(ha, enterprise, "复查合格", [], by), At(11, 5, 10, 0)));
        Stream<HazardView>(hb, (Report(hb, HazardLevel.Major), At(10, 31, 23, 30)));
        Stream<HazardView>(hc, (Report(hc, HazardLevel.General), At(11, 1, 0, 30)));
        Stream<HazardView>(hd,
            (Report(hd, HazardLevel.General), At(11, 30, 23, 59)),
            (new HazardWithdrawn(hd, enterprise, "重复录入", by), At(12, 1, 0, 10)));
        Stream<HazardView>(he, (Report(he, HazardLevel.General), At(12, 1, 0, 5)));

        void Inspection(InspectionKind kind, DateTimeOffset at, Guid? raised = null)
        {
            var id = Guid.CreateVersion7();
            var events = new List<(object, DateTimeOffset)>
            {
                (new InspectionStarted(id, kind, enterprise, "南翔化工", null, town.Id, town.Name, [IndustryDomain.HazardousChemicals],
                    null, null, null, 0, null, null, by), at.AddHours(-1)),
                (new InspectionSubmitted(id, enterprise, null, raised is null ? [] : ["HC-01"], null, by), at)
            };
            if (raised is { } h) events.Add((new InspectionHazardRaised(id, "HC-01", h, by), at.AddMinutes(1)));
            Stream<InspectionRecord>(id, events.ToArray());
        }
        Inspection(InspectionKind.Routine, At(10, 20, 14, 0));
        Inspection(InspectionKind.SpecialAction, At(11, 3, 14, 0));
        Inspection(InspectionKind.Routine, At(11, 4, 14, 0), raised: hc);
        Inspection(InspectionKind.Holiday, At(12, 1, 9, 0));
        await session.SaveChangesAsync();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }
}
