using System.Net.Http.Headers;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

public class when_publishing_a_risk_map(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<Guid> UploadPlan(string username)
    {
        var token = await app.TokenFor(username);
        using var client = app.Host.Server.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "site-plan.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(201, (int)response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task the_map_answers_each_placement_in_its_current_colour()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var red = await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(5, 5), "四色图 罐区"));
        var blue = await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(1, 2), "四色图 办公楼"));
        var plan = await UploadPlan("ent.demo1");

        var published = await app.As("ent.demo1", s =>
        {
            s.Put.Json(new { evidenceId = plan, placements = new[] { new { riskPointId = red, x = 0.25, y = 0.4 }, new { riskPointId = blue, x = 0.8, y = 0.1 } } })
                .ToUrl($"/api/enterprises/{enterprise}/risk-map");
            s.StatusCodeShouldBe(200);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        Assert.Equal(1, published.Json().GetProperty("version").GetInt64());

        await app.As("town.nanxiang", s => { s.Post.Json(new { assessment = Ls(4, 4) }).ToUrl($"/api/risk-points/{blue}/assessments"); s.StatusCodeShouldBe(200); });
        var map = (await app.As("town.nanxiang", s => s.Get.Url($"/api/enterprises/{enterprise}/risk-map"))).Json();
        Assert.Equal(plan, map.GetProperty("evidenceId").GetGuid());
        var markers = map.GetProperty("placements").EnumerateArray().ToDictionary(p => p.GetProperty("riskPointId").GetGuid());
        Assert.Equal("Red", markers[red].GetProperty("colour").GetString());
        Assert.Equal("Orange", markers[blue].GetProperty("colour").GetString());   // re-assessed: the map follows
        Assert.Equal(0.8, markers[blue].GetProperty("x").GetDouble());

        // A second publication needs the current version.
        var body = new { evidenceId = plan, placements = new[] { new { riskPointId = red, x = 0.3, y = 0.4 } } };
        await app.As("ent.demo1", s => { s.Put.Json(body).ToUrl($"/api/enterprises/{enterprise}/risk-map"); s.WithRequestHeader("If-Match", "\"0\""); s.StatusCodeShouldBe(409); });
        await app.As("ent.demo1", s => { s.Put.Json(body).ToUrl($"/api/enterprises/{enterprise}/risk-map"); s.WithRequestHeader("If-Match", "\"1\""); s.StatusCodeShouldBe(200); s.Header("ETag").SingleValueShouldEqual("\"2\""); });
        await app.As("ent.demo1", s => { s.Put.Json(body).ToUrl($"/api/enterprises/{enterprise}/risk-map"); s.WithRequestHeader("If-Match", "\"1\""); s.StatusCodeShouldBe(409); });

        // Scope and role.
        foreach (var (user, get, put) in new[] { ("ent.demo2", 404, 404), ("town.anting", 404, 404), ("dept.construction", 404, 404),
                     ("inspector.nanxiang", 200, 403), ("auditor", 200, 403), ("dept.emergency", 200, 200), ("district.admin", 200, 200) })
        {
            await app.As(user, s => { s.Get.Url($"/api/enterprises/{enterprise}/risk-map"); s.StatusCodeShouldBe(get); });
            await app.As(user, s => { s.Put.Json(body).ToUrl($"/api/enterprises/{enterprise}/risk-map"); s.StatusCodeShouldBe(put); });
        }
    }

    [Fact]
    public async Task placements_must_be_the_enterprises_points_inside_the_image()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var other = await app.Register("ent.demo3", EnterprisePoint(await app.OrganisationOf("ent.demo3"), Ls(1, 1), "四色图 他企"));
        var own = await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(1, 1), "四色图 本企"));
        var plan = await UploadPlan("ent.demo1");
        var url = $"/api/enterprises/{enterprise}/risk-map";
        (await app.As("ent.demo1", s => { s.Put.Json(new { evidenceId = plan, placements = new[] { new { riskPointId = own, x = 1.5, y = 0.2 } } }).ToUrl(url); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        (await app.As("ent.demo1", s => { s.Put.Json(new { evidenceId = plan, placements = new[] { new { riskPointId = other, x = 0.5, y = 0.2 } } }).ToUrl(url); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        (await app.As("ent.demo1", s => { s.Put.Json(new { evidenceId = Guid.NewGuid(), placements = new[] { new { riskPointId = own, x = 0.5, y = 0.2 } } }).ToUrl(url); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        var demo3 = await app.OrganisationOf("ent.demo3");
        await app.As("ent.demo3", s => { s.Get.Url($"/api/enterprises/{demo3}/risk-map"); s.StatusCodeShouldBe(404); });   // none published
    }
}
