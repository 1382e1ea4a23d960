using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Emergency;

public class when_reporting_incidents_and_reading_the_map(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A validator's own words (issue 13): Chinese by default, English on Accept-Language: en.</summary>
    [Fact]
    public async Task a_validation_message_of_the_module_is_in_the_callers_language()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        var body = new { enterpriseId = demo1, kind = "Fire", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), place = "", description = "纸箱起火" };
        var chinese = (await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/emergency/incidents"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.Equal("请填写事发地点。", chinese.GetProperty("errors").GetProperty("place")[0].GetString());
        var english = (await app.As("ent.demo1", s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(body).ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(400);
        })).ShouldBeProblem(400);
        Assert.Equal("Give the place where it happened.", english.GetProperty("errors").GetProperty("place")[0].GetString());
    }

    /// <summary>A refusal the aggregate words itself (issue 13): Chinese by default, English on Accept-Language: en.</summary>
    [Fact]
    public async Task a_closed_incident_refuses_in_the_callers_language()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        var id = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = demo1, kind = "Fire", occurredAt = DateTimeOffset.UtcNow.AddHours(-2), place = "仓库", description = "纸箱起火" })
                .ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        await app.As("town.nanxiang", s => { s.Post.Json(new { summary = "已扑灭" }).ToUrl($"/api/emergency/incidents/{id}/close"); s.StatusCodeShouldBe(200); });

        var chinese = (await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { summary = "再次结案" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.StatusCodeShouldBe(409);
        })).ShouldBeProblem(409);
        Assert.Equal("冲突", chinese.GetProperty("title").GetString());
        Assert.Equal("事件已结案，不能再续报或结案。", chinese.GetProperty("detail").GetString());

        var english = (await app.As("town.nanxiang", s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(new { summary = "再次结案" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.StatusCodeShouldBe(409);
        })).ShouldBeProblem(409);
        Assert.Equal("Conflict", english.GetProperty("title").GetString());
        Assert.Equal("The incident is closed; it takes no more updates and cannot be closed again.", english.GetProperty("detail").GetString());
    }

    /// <summary>The command path's own 404 and stale-version 409 name the incident in the caller's language (issue 13).</summary>
    [Fact]
    public async Task the_command_paths_404_and_409_name_the_incident_in_the_callers_language()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        var id = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = demo1, kind = "Fire", occurredAt = DateTimeOffset.UtcNow.AddHours(-2), place = "仓库", description = "纸箱起火" })
                .ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var unknown = Guid.NewGuid();
        async Task<System.Text.Json.JsonElement> Update(Guid incident, string? language, int status) =>
            (await app.As("ent.demo1", s =>
            {
                if (language is not null) s.WithRequestHeader("Accept-Language", language);
                s.Post.Json(new { note = "火势已控制" }).ToUrl($"/api/emergency/incidents/{incident}/updates");
                s.WithRequestHeader("If-Match", "\"5\"");
                s.StatusCodeShouldBe(status);
            })).ShouldBeProblem(status);

        // Reported is version 1; the client claims 5.
        var stale = await Update(id, null, 409);
        Assert.Equal($"事故事件“{id}”当前为第 1 版，而不是第 5 版；请重新读取后再试。", stale.GetProperty("detail").GetString());
        var staleEnglish = await Update(id, "en", 409);
        Assert.Equal($"Incident '{id}' is at version 1, not 5; read it again before retrying.", staleEnglish.GetProperty("detail").GetString());

        var missing = await Update(unknown, null, 404);
        Assert.Equal("未找到", missing.GetProperty("title").GetString());
        Assert.Equal($"事故事件“{unknown}”不存在。", missing.GetProperty("detail").GetString());
        var missingEnglish = await Update(unknown, "en-US,en;q=0.9", 404);
        Assert.Equal("Not found", missingEnglish.GetProperty("title").GetString());
        Assert.Equal($"Incident '{unknown}' does not exist.", missingEnglish.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_incident_is_reported_updated_and_closed_and_then_takes_nothing_more()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        var reported = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new
            {
                enterpriseId = demo1, kind = "Leak", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), place = "罐区",
                description = "储罐阀门泄漏", latitude = 31.29, longitude = 121.32, deaths = 0, injuries = 1
            }).ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(201);
        });
        var id = reported.Json().GetProperty("id").GetGuid();

        bool Alerted(System.Text.Json.JsonElement alerts) => alerts.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("incidentId").GetGuid() == id);
        Assert.True(Alerted(await app.Get("district.admin", "/api/emergency/alerts")));   // the district and the town hear at once
        Assert.True(Alerted(await app.Get("town.nanxiang", "/api/emergency/alerts")));
        Assert.False(Alerted(await app.Get("town.anting", "/api/emergency/alerts")));

        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { note = "已关闭上游阀门，伤者送医", deaths = 0, injuries = 2 }).ToUrl($"/api/emergency/incidents/{id}/updates");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        var stale = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { summary = "处置完毕" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal("Open", stale.ShouldBeProblem(409).GetProperty("currentStatus").GetString());
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { summary = "企业自行结案" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.StatusCodeShouldBe(403);
        });
        await app.As("town.anting", s =>
        {
            s.Post.Json(new { summary = "外镇结案" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.StatusCodeShouldBe(404);
        });
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { summary = "泄漏已处置，隐患已整改" }).ToUrl($"/api/emergency/incidents/{id}/close");
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(200);
        });
        var again = await app.As("district.admin", s =>
        {
            s.Post.Json(new { note = "补充", deaths = 0, injuries = 2 }).ToUrl($"/api/emergency/incidents/{id}/updates");
            s.StatusCodeShouldBe(409);
        });
        again.ShouldBeProblem(409);

        var incident = await app.Get("district.admin", $"/api/emergency/incidents/{id}");
        Assert.Equal("Closed", incident.GetProperty("status").GetString());
        Assert.Equal(2, incident.GetProperty("injuries").GetInt32());
        Assert.Equal(1, incident.GetProperty("updates").GetArrayLength());
        Assert.Equal(3, incident.GetProperty("version").GetInt64());
        Assert.Equal(3, (await app.Get("auditor", $"/api/emergency/incidents/{id}/history")).GetArrayLength());

        var nanxiang = await app.Get("town.nanxiang", "/api/emergency/incidents?kind=Leak");
        Assert.Contains(nanxiang.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var anting = await app.Get("town.anting", "/api/emergency/incidents?kind=Leak");
        Assert.DoesNotContain(anting.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        await app.Get("ent.demo3", $"/api/emergency/incidents/{id}", 404);
    }

    [Fact]
    public async Task the_map_is_a_geojson_feature_collection_of_what_has_coordinates_in_scope()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        var anting = await app.TownNamed("安亭镇");
        var (mapped, _) = await app.Create("town.nanxiang", "fire-facilities", EmergencySteps.Entry("地图消火栓", townId: nanxiang, lat: 31.2981, lon: 121.3207));
        var (unmapped, _) = await app.Create("town.nanxiang", "fire-facilities", EmergencySteps.Entry("无坐标消火栓", townId: nanxiang));
        var (elsewhere, _) = await app.Create("town.anting", "fire-stations", EmergencySteps.Entry("安亭地图站", townId: anting, lat: 31.29, lon: 121.16));

        var map = await app.Get("town.nanxiang", "/api/emergency/map");
        Assert.Equal("FeatureCollection", map.GetProperty("type").GetString());
        var features = map.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f =>
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString());
            Assert.Equal(2, f.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
            Assert.False(string.IsNullOrEmpty(f.GetProperty("properties").GetProperty("layer").GetString()));
        });
        var hydrant = features.Single(f => f.GetProperty("id").GetGuid() == mapped);
        var coordinates = hydrant.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToArray();
        Assert.Equal([121.3207, 31.2981], coordinates);   // [longitude, latitude]
        Assert.Equal("fire-facilities", hydrant.GetProperty("properties").GetProperty("layer").GetString());
        Assert.DoesNotContain(features, f => f.GetProperty("id").GetGuid() == unmapped);
        Assert.DoesNotContain(features, f => f.GetProperty("id").GetGuid() == elsewhere);

        var district = (await app.Get("district.admin", $"/api/emergency/map?townId={anting}")).GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(district, f => f.GetProperty("id").GetGuid() == elsewhere);
        Assert.DoesNotContain(district, f => f.GetProperty("id").GetGuid() == mapped);
        Assert.All(district, f => Assert.Equal("安亭镇", f.GetProperty("properties").GetProperty("townName").GetString()));
    }
}
