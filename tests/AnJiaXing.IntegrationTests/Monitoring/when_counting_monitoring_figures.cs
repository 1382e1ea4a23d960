using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Enterprises;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Monitoring;

public class when_counting_monitoring_figures(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private sealed record Figures(int OpenAlarms, int Unacknowledged, int EquipmentTotal, int EquipmentExpired, int EquipmentSoon,
        int CertificatesTotal, int CertificatesExpired, int CertificatesSoon, int Sources, int Grade3);

    private static Figures Read(JsonElement f) => new(
        f.GetProperty("openAlarms").GetInt32(), f.GetProperty("unacknowledgedAlarms").GetInt32(),
        f.GetProperty("equipment").GetProperty("total").GetInt32(), f.GetProperty("equipment").GetProperty("expired").GetInt32(),
        f.GetProperty("equipment").GetProperty("expiringSoon").GetInt32(),
        f.GetProperty("certificates").GetProperty("total").GetInt32(), f.GetProperty("certificates").GetProperty("expired").GetInt32(),
        f.GetProperty("certificates").GetProperty("expiringSoon").GetInt32(),
        f.GetProperty("majorHazardSources").GetInt32(), f.GetProperty("majorHazardSourcesByGrade").GetProperty("3").GetInt32());

    private async Task<Figures> Dashboard(string username, string query = "") =>
        Read((await app.As(username, s => s.Get.Url($"/api/monitoring/figures{query}"))).Json());

    private async Task<Figures> File(Guid enterpriseId) =>
        Read((await app.As("district.admin", s => s.Get.Url($"/api/enterprises/{enterpriseId}/file"))).Json().GetProperty("monitoring"));

    [Fact]
    public async Task the_dashboard_per_scope_and_the_enterprise_file_count_what_was_registered()
    {
        var nanxiang = Guid.Parse((await app.As("town.nanxiang", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetString()!);
        var users = new[] { "district.admin", "town.nanxiang", "town.anting", "dept.emergency", "dept.construction", "ent.demo1", "ent.demo2" };
        var before = new Dictionary<string, Figures>();
        foreach (var u in users) before[u] = await Dashboard(u);
        var fileBefore = await File(app.Chemicals);
        var districtNanxiangBefore = await Dashboard("district.admin", $"?townId={nanxiang}");

        // For 上海嘉翔精细化工 (南翔镇, hazardous chemicals): one grade-3 source whose sensor crosses its high lines,
        // equipment expired, expiring in 10 days and in 90; a certificate expiring in 20 days and one expired.
        var (_, key) = await app.SensorFor("FIG-1");
        await app.Send(key, MonitoringFixture.Readings("FIG-1", DateTimeOffset.UtcNow.AddMinutes(-5), 9.5));
        var alarms = (await app.Alarms("ent.demo1", "point=FIG-1")).Count;
        Assert.True(alarms >= 1);
        foreach (var days in new[] { -3, 10, 90 })
            await app.As("ent.demo1", s =>
            {
                s.Post.Json(new { enterpriseId = app.Chemicals, name = "可燃气体报警控制器", kind = "气体检测报警", expiresOn = Today.AddDays(days) }).ToUrl("/api/equipment");
                s.StatusCodeShouldBe(201);
            });
        foreach (var days in new[] { 20, -1 })
            await app.As("ent.demo1", s =>
            {
                s.Post.Json(new { enterpriseId = app.Chemicals, holderName = "李强", kind = "特种作业操作证", number = $"FIG{days}", expiresOn = Today.AddDays(days) })
                    .ToUrl("/api/certificates");
                s.StatusCodeShouldBe(201);
            });
        // Elsewhere in the same town, another enterprise (metals, also the emergency department's domain).
        await app.As("ent.demo2", s =>
        {
            s.Post.Json(new { enterpriseId = app.Metals, name = "行车限位器", kind = "起重机械", expiresOn = Today.AddDays(5) }).ToUrl("/api/equipment");
            s.StatusCodeShouldBe(201);
        });

        Figures Delta(Figures a, Figures b) => new(b.OpenAlarms - a.OpenAlarms, b.Unacknowledged - a.Unacknowledged, b.EquipmentTotal - a.EquipmentTotal,
            b.EquipmentExpired - a.EquipmentExpired, b.EquipmentSoon - a.EquipmentSoon, b.CertificatesTotal - a.CertificatesTotal,
            b.CertificatesExpired - a.CertificatesExpired, b.CertificatesSoon - a.CertificatesSoon, b.Sources - a.Sources, b.Grade3 - a.Grade3);
        var chemicals = new Figures(alarms, alarms, 3, 1, 1, 2, 1, 1, 1, 1);
        var withMetals = chemicals with { EquipmentTotal = 4, EquipmentSoon = 2 };
        var nothing = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var expected = new Dictionary<string, Figures>
        {
            ["district.admin"] = withMetals, ["town.nanxiang"] = withMetals, ["town.anting"] = nothing,
            ["dept.emergency"] = withMetals, ["dept.construction"] = nothing, ["ent.demo1"] = chemicals, ["ent.demo2"] = nothing with { EquipmentTotal = 1, EquipmentSoon = 1 }
        };
        foreach (var u in users) Assert.Equal((u, expected[u]), (u, Delta(before[u], await Dashboard(u))));
        Assert.Equal(chemicals, Delta(fileBefore, await File(app.Chemicals)));
        Assert.Equal(withMetals, Delta(districtNanxiangBefore, await Dashboard("district.admin", $"?townId={nanxiang}")));

        // Acknowledging keeps the alarm open but no longer unacknowledged.
        var alarm = (await app.Alarms("ent.demo1", "point=FIG-1"))[0];
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { remarks = "已到场" }).ToUrl($"/api/alarms/{alarm.GetProperty("id").GetGuid()}/acknowledge");
            s.WithRequestHeader("If-Match", "\"1\"");
        });
        var acknowledged = Delta(before["ent.demo1"], await Dashboard("ent.demo1"));
        Assert.Equal((alarms, alarms - 1), (acknowledged.OpenAlarms, acknowledged.Unacknowledged));
    }

    [Fact]
    public async Task a_town_is_narrowed_only_within_the_callers_scope()
    {
        var anting = await app.TownId("安亭镇");
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/monitoring/figures?townId={anting}"); s.StatusCodeShouldBe(403); });
        await app.As("ent.demo1", s => { s.Get.Url($"/api/monitoring/figures?townId={anting}"); s.StatusCodeShouldBe(403); });
        await app.As("district.admin", s => { s.Get.Url($"/api/monitoring/figures?townId={Guid.NewGuid()}"); s.StatusCodeShouldBe(404); });
        (await app.As("district.admin", s => { s.Get.Url("/api/monitoring/figures?within=-1"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        var figures = (await app.As("town.anting", s => s.Get.Url($"/api/monitoring/figures?townId={anting}"))).Json();
        Assert.Equal(30, figures.GetProperty("withinDays").GetInt32());
        Assert.Equal(["1", "2", "3", "4"], figures.GetProperty("majorHazardSourcesByGrade").EnumerateObject().Select(p => p.Name));
    }
}
