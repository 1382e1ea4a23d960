using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.Monitoring.MonitoringFixture;

namespace AnJiaXing.IntegrationTests.Monitoring;

public class when_registering_major_hazard_sources(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    [Fact]
    public async Task the_standard_computes_R_and_the_grade_and_the_source_is_listed_in_scope()
    {
        var id = await app.RegisterSource("ent.demo1", Source(app.Chemicals, Point("MHS-A-LT1"), Point("MHS-A-TT1")));

        var mine = (await app.As("town.nanxiang", s => s.Get.Url($"/api/major-hazard-sources?enterpriseId={app.Chemicals}"))).Json();
        var source = mine.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id);
        Assert.Equal(2.5m, source.GetProperty("quantityRatioSum").GetDecimal());
        Assert.Equal(12.75m, source.GetProperty("r").GetDecimal());
        Assert.Equal(3, source.GetProperty("grade").GetInt32());
        Assert.Equal(2, source.GetProperty("monitoringPoints").GetArrayLength());

        var other = (await app.As("town.anting", s => s.Get.Url("/api/major-hazard-sources"))).Json();
        Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        await app.As("town.anting", s => { s.Get.Url($"/api/major-hazard-sources/{id}"); s.StatusCodeShouldBe(404); });
        var one = await app.As("dept.emergency", s => s.Get.Url($"/api/major-hazard-sources/{id}"));
        Assert.Equal("\"1\"", one.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task below_one_the_unit_is_no_major_hazard_source_and_a_wrong_grade_is_refused()
    {
        var small = new
        {
            enterpriseId = app.Chemicals, name = "小仓库", alpha = 1.0m,
            substances = new[] { new { name = "甲醇", quantity = 499m, criticalQuantity = 500m, beta = 1m } }
        };
        var refused = (await app.As("ent.demo1", s => { s.Post.Json(small).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.Contains("不构成重大危险源", refused.GetProperty("errors").GetProperty("substances")[0].GetString());

        var wrongGrade = new
        {
            enterpriseId = app.Chemicals, name = "甲醇储罐区", alpha = 2.0m, grade = 2,
            substances = new[] { new { name = "甲醇", quantity = 50000m, criticalQuantity = 500m, beta = 1m } } // R = 200 → grade 1
        };
        var grade = (await app.As("ent.demo1", s => { s.Post.Json(wrongGrade).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.Contains("应为1级", grade.GetProperty("errors").GetProperty("grade")[0].GetString());

        var badAlpha = new { enterpriseId = app.Chemicals, name = "x", alpha = 1.3m, substances = new[] { new { name = "甲醇", quantity = 600m, criticalQuantity = 500m, beta = 1m } } };
        var alpha = (await app.As("ent.demo1", s => { s.Post.Json(badAlpha).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.True(alpha.GetProperty("errors").TryGetProperty("alpha", out _));
    }

    [Fact]
    public async Task thresholds_must_be_ordered_and_point_codes_are_unique_in_the_district()
    {
        var disordered = Source(app.Chemicals, new { code = "MHS-B-1", quantity = "压力", unit = "MPa", low = 5.0, high = 1.0 });
        var refused = (await app.As("ent.demo1", s => { s.Post.Json(disordered).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.Contains(refused.GetProperty("errors").EnumerateObject(), e => e.Name.Contains("thresholds"));

        await app.RegisterSource("ent.demo1", Source(app.Chemicals, Point("MHS-B-2")));
        await app.As("town.nanxiang", s => { s.Post.Json(Source(app.Chemicals, Point("MHS-B-2"))).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task outside_scope_the_enterprise_does_not_exist_and_read_only_roles_are_refused()
    {
        await app.As("ent.demo2", s => { s.Post.Json(Source(app.Chemicals)).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(404); });
        await app.As("town.anting", s => { s.Post.Json(Source(app.Chemicals)).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(404); });
        await app.As("auditor", s => { s.Post.Json(Source(app.Chemicals)).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(403); });
        await app.As("inspector.nanxiang", s => { s.Post.Json(Source(app.Chemicals)).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(403); });
    }
}
