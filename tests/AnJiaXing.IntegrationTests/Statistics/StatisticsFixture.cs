using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.Inspections.InspectionSteps;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>
/// A known data set for the statistics: the demo district only (other demo seeds removed, so later features'
/// demo data cannot change the expected numbers) plus seven hazards walked through the API:
/// 南翔化工 (南翔镇, 危化): H1 general closed on time · H2 general reported · H3 major confirmed and rectifying ·
/// H4 major downgraded · H5 general rectifying and overdue; 安亭建工 (安亭镇, 建筑工地): H6 withdrawn · H7 major dismissed.
/// Inspections (all findings compliant, or in a temporary check, so they raise no hazard): a special-action plan over
/// 南翔化工 and 安亭建工 · I1 under the plan of 南翔化工 by town.nanxiang, submitted · I2 routine of 南翔化工 by
/// inspector.nanxiang, submitted · I3 temporary check in 安亭镇 by town.anting, submitted · I4 routine of 安亭建工 by
/// town.anting, left a draft.
/// </summary>
public class StatisticsFixture : HazardFixture
{
    public DateOnly Today { get; private set; }

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
        await BeginOnOneDistrictDayAsync();
        // In solo mode (tests) Marten 9's coordinator starts only daemons someone asked for: ask for the main one.
        await Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
            .DaemonForMainDatabase().StartAllAsync();
        var h1 = await this.Report("ent.a1", HazardSteps.GeneralReport(NanxiangChemicals));
        await this.Act("town.nanxiang", h1, "assign", this.Assignment("ent.a2"));
        await this.Act("ent.a2", h1, "rectification", new { description = "已整改" });
        await this.Act("inspector.nanxiang", h1, "recheck", new { passed = true, remarks = "整改到位" });

        await this.Report("ent.a1", HazardSteps.GeneralReport(NanxiangChemicals, description: "消防通道堆放杂物"));

        var h3 = await this.Report("inspector.nanxiang", HazardSteps.MajorReport(NanxiangChemicals));
        await this.Act("dept.emergency", h3, "confirm", new { remarks = "经核实属重大隐患" });
        await this.Act("ent.a1", h3, "assign", this.Assignment("ent.a2", major: true));

        var h4 = await this.Report("inspector.nanxiang", HazardSteps.MajorReport(NanxiangChemicals));
        await this.Act("dept.emergency", h4, "downgrade", new { reason = "储量未超临界量" });

        var h5 = await this.Report("ent.a1", HazardSteps.GeneralReport(NanxiangChemicals, description: "逾期测试隐患"));
        await this.Act("town.nanxiang", h5, "assign", new
        {
            responsibleUserId = Users["ent.a2"], deadline = Clock.GetUtcNow().AddMinutes(1), measures = "立即整改"
        });

        var h6 = await this.Report("ent.b1", HazardSteps.GeneralReport(AntingConstruction, description: "误录入"));
        await this.Act("ent.b1", h6, "withdraw", new { reason = "重复录入" });

        var h7 = await this.Report("town.anting", new
        {
            enterpriseId = AntingConstruction, level = "Major", category = "Construction", description = "深基坑支护变形",
            source = "SupervisionInspection", evidenceIds = Array.Empty<Guid>()
        });
        await this.Act("district.admin", h7, "dismiss", new { reason = "误报" });

        await InspectAsync();

        // Just past the deadline: two hours here put the service's clock on tomorrow whenever the suite ran after 22:00
        // district time, while the events stayed dated today.
        Clock.Advance(TimeSpan.FromMinutes(2));
        Today = StatisticsCalendar.DayOf(Clock.GetUtcNow());
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// The fixture's events are dated by the database's clock and its figures cut at the service's (this fixture's)
    /// clock: begun in the last minutes of a district day, the two fell on different days (the suite ran at 23:58). Then
    /// the fixture begins after midnight, with its clock moved on by the wait.
    /// </summary>
    private async Task BeginOnOneDistrictDayAsync()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(StatisticsCalendar.Offset);
        var left = now.Date.AddDays(1) - now.DateTime;
        if (left >= TimeSpan.FromMinutes(3)) return;
        var wait = left + TimeSpan.FromSeconds(2);
        await Task.Delay(wait);
        Clock.Advance(wait);
    }

    private async Task InspectAsync()
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var created = await this.As("district.admin", s =>
        {
            s.Post.Json(new
            {
                name = "统计测试专项检查", type = "SpecialAction", periodStart = today.AddDays(-1), periodEnd = today.AddDays(30),
                checklistId = ChemicalsChecklist,
                enterpriseIds = new[] { NanxiangChemicals, AntingConstruction },
                inspectorIds = new[] { Users["town.nanxiang"], Users["town.anting"] }
            }).ToUrl("/api/inspection-plans");
            s.StatusCodeShouldBe(201);
        });
        var planId = created.Json().GetProperty("id").GetGuid();

        var i1 = await this.Start("town.nanxiang", new { kind = "SpecialAction", planId, enterpriseId = NanxiangChemicals });
        await this.Record("town.nanxiang", i1, new { items = new[] { Item("HC-01", "Compliant"), Item("HC-02", "NotApplicable") } });
        await this.Submit("town.nanxiang", i1);

        var i2 = await this.Start("inspector.nanxiang", new { kind = "Routine", enterpriseId = NanxiangChemicals, checklistId = ChemicalsChecklist });
        await this.Record("inspector.nanxiang", i2, new { items = new[] { Item("HC-01", "Compliant") } });
        await this.Submit("inspector.nanxiang", i2);

        var i3 = await this.Start("town.anting", new { kind = "Temporary", temporaryEnterprise = new { name = "某无证小作坊", address = "安亭镇某村12号" } });
        await this.Record("town.anting", i3, new { items = new[] { Finding("电线私拉乱接") } });
        await this.Submit("town.anting", i3);

        var i4 = await this.Start("town.anting", new { kind = "Routine", enterpriseId = AntingConstruction, checklistId = ConstructionChecklist });
        await this.Record("town.anting", i4, new { items = new[] { Item("CS-01", "Compliant") } });
    }

    /// <summary>A period of yesterday to tomorrow (district days), so a run across midnight still covers the data.</summary>
    public string Period => $"from={StatisticsCalendar.Key(Today.AddDays(-1))}&to={StatisticsCalendar.Key(Today.AddDays(1))}";
}
