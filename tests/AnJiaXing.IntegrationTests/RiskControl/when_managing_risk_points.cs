using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

public class when_managing_risk_points(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    [Fact]
    public async Task an_enterprise_registers_a_point_and_its_level_follows_the_assessment()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var responsible = await app.UserIdOf("ent.demo1");
        var created = await app.As("ent.demo1", s =>
        {
            s.Post.Json(EnterprisePoint(enterprise, Lec(3, 6, 40), "甲类仓库（登记）", responsible)).ToUrl("/api/risk-points");
            s.StatusCodeShouldBe(201);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        var body = created.Json();
        Assert.Equal("Major", body.GetProperty("level").GetString());
        Assert.Equal(720, body.GetProperty("score").GetDouble());
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/risk-points/{id}", created.Context.Response.Headers.Location.ToString());

        var read = await app.As("town.nanxiang", s => { s.Get.Url($"/api/risk-points/{id}"); s.Header("ETag").SingleValueShouldEqual("\"1\""); });
        var point = read.Json();
        Assert.Equal("Red", point.GetProperty("colour").GetString());
        Assert.Equal("南翔镇", point.GetProperty("townName").GetString());
        Assert.False(point.GetProperty("public").GetBoolean());
        Assert.Equal(responsible, point.GetProperty("responsible").GetProperty("userId").GetGuid());
        Assert.Equal("LEC", point.GetProperty("assessment").GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("LS", 2, 4, 0, "Low")]
    [InlineData("LS", 3, 3, 0, "General")]
    [InlineData("LS", 3, 4, 0, "General")]
    [InlineData("LS", 3, 5, 0, "Significant")]
    [InlineData("LS", 4, 4, 0, "Significant")]
    [InlineData("LS", 4, 5, 0, "Major")]
    [InlineData("LEC", 1, 6.9, 10, "Low")]
    [InlineData("LEC", 1, 10, 7, "General")]
    [InlineData("LEC", 1, 4, 40, "Significant")]
    [InlineData("LEC", 1, 8, 40, "Major")]
    public async Task the_level_boundaries_hold_over_http(string method, double l, double second, double c, string level)
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var assessment = method == "LS" ? Ls(l, second) : Lec(l, second, c);
        var created = await app.As("ent.demo1", s => { s.Post.Json(EnterprisePoint(enterprise, assessment, $"边界 {method} {l}/{second}/{c}")).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(201); });
        Assert.Equal(level, created.Json().GetProperty("level").GetString());
    }

    [Fact]
    public async Task reassessment_keeps_the_history_and_a_stale_version_is_a_conflict()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var id = await app.Register("ent.demo1", EnterprisePoint(enterprise, Lec(3, 6, 40), "再评估的仓库"));

        var reassessed = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { assessment = Ls(3, 4), reason = "增设自动喷淋和联锁" }).ToUrl($"/api/risk-points/{id}/assessments");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        Assert.Equal("General", reassessed.Json().GetProperty("level").GetString());
        Assert.Equal(2, reassessed.Json().GetProperty("version").GetInt64());

        var stale = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { assessment = Ls(1, 1) }).ToUrl($"/api/risk-points/{id}/assessments");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        stale.ShouldBeProblem(409);

        var point = (await app.As("ent.demo1", s => s.Get.Url($"/api/risk-points/{id}"))).Json();
        Assert.Equal(2, point.GetProperty("version").GetInt64());
        Assert.Equal("General", point.GetProperty("level").GetString());
        var history = point.GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal(["Major", "General"], history.Select(a => a.GetProperty("level").GetString()));
        Assert.Equal("增设自动喷淋和联锁", history[1].GetProperty("reason").GetString());
        Assert.Equal("TownSupervisor", history[1].GetProperty("by").GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("ent.demo1", 201)]
    [InlineData("town.nanxiang", 201)]
    [InlineData("dept.emergency", 201)]
    [InlineData("district.admin", 201)]
    [InlineData("inspector.nanxiang", 403)]
    [InlineData("auditor", 403)]
    [InlineData("ent.demo2", 404)]
    [InlineData("ent.demo3", 404)]
    [InlineData("town.anting", 404)]
    [InlineData("dept.construction", 404)]
    public async Task who_may_register_an_enterprise_point(string username, int status)
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var result = await app.As(username, s => { s.Post.Json(EnterprisePoint(enterprise, Ls(2, 2), $"登记权限 {username}")).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(status); });
        if (status != 201) result.ShouldBeProblem(status);
    }

    [Theory]
    [InlineData("town.nanxiang", null, 201)]
    [InlineData("dept.emergency", "HazardousChemicals", 201)]
    [InlineData("district.admin", null, 201)]
    [InlineData("dept.construction", "HazardousChemicals", 403)]
    [InlineData("town.anting", null, 403)]
    [InlineData("inspector.nanxiang", null, 403)]
    [InlineData("ent.demo1", null, 403)]
    [InlineData("auditor", null, 403)]
    public async Task who_may_register_a_public_point(string username, string? domain, int status)
    {
        var town = await app.OrganisationOf("town.nanxiang");
        var result = await app.As(username, s => { s.Post.Json(PublicPoint(town, Ls(3, 3), domain, $"公共 {username}")).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(status); });
        if (status != 201) result.ShouldBeProblem(status);
    }

    [Fact]
    public async Task every_role_reads_and_reassesses_only_in_its_scope()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var town = await app.OrganisationOf("town.nanxiang");
        var entPoint = await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(3, 3), "读取范围 企业"));
        var pubPoint = await app.Register("town.nanxiang", PublicPoint(town, Ls(3, 3), "HazardousChemicals", "读取范围 公共"));

        // (username, sees enterprise point, sees public point, reassess enterprise point, reassess public point)
        var table = new (string User, int ReadEnt, int ReadPub, int AssessEnt, int AssessPub)[]
        {
            ("ent.demo1", 200, 404, 200, 404),
            ("ent.demo2", 404, 404, 404, 404),
            ("ent.demo3", 404, 404, 404, 404),
            ("town.nanxiang", 200, 200, 200, 200),
            ("inspector.nanxiang", 200, 200, 403, 403),
            ("town.anting", 404, 404, 404, 404),
            ("dept.emergency", 200, 200, 200, 200),
            ("dept.construction", 404, 404, 404, 404),
            ("district.admin", 200, 200, 200, 200),
            ("auditor", 200, 200, 403, 403)
        };
        foreach (var (user, readEnt, readPub, assessEnt, assessPub) in table)
        {
            await app.As(user, s => { s.Get.Url($"/api/risk-points/{entPoint}"); s.StatusCodeShouldBe(readEnt); });
            await app.As(user, s => { s.Get.Url($"/api/risk-points/{pubPoint}"); s.StatusCodeShouldBe(readPub); });
            await app.As(user, s => { s.Post.Json(new { assessment = Ls(3, 3) }).ToUrl($"/api/risk-points/{entPoint}/assessments"); s.StatusCodeShouldBe(assessEnt); });
            await app.As(user, s => { s.Post.Json(new { assessment = Ls(3, 3) }).ToUrl($"/api/risk-points/{pubPoint}/assessments"); s.StatusCodeShouldBe(assessPub); });

            var list = (await app.As(user, s => s.Get.Url("/api/risk-points?pageSize=500"))).Json();
            var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToHashSet();
            Assert.True(ids.Contains(entPoint) == (readEnt == 200), $"{user}: enterprise point in search");
            Assert.True(ids.Contains(pubPoint) == (readPub == 200), $"{user}: public point in search");
        }
    }

    [Fact]
    public async Task search_filters_by_level_enterprise_and_kind()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var town = await app.OrganisationOf("town.nanxiang");
        var major = await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(5, 5), "检索 重大"));
        var pub = await app.Register("town.nanxiang", PublicPoint(town, Ls(1, 2), null, "检索 公共"));

        var majors = (await app.As("town.nanxiang", s => s.Get.Url($"/api/risk-points?level=Major&enterpriseId={enterprise}&pageSize=500"))).Json();
        var items = majors.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, p => p.GetProperty("id").GetGuid() == major);
        Assert.All(items, p => Assert.Equal("Major", p.GetProperty("level").GetString()));

        var publics = (await app.As("town.nanxiang", s => s.Get.Url("/api/risk-points?public=true&pageSize=500"))).Json();
        Assert.All(publics.GetProperty("items").EnumerateArray(), p => Assert.True(p.GetProperty("public").GetBoolean()));
        Assert.Contains(publics.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == pub);

        var q = (await app.As("town.nanxiang", s => s.Get.Url($"/api/risk-points?q={Uri.EscapeDataString("检索")}"))).Json();
        Assert.True(q.GetProperty("total").GetInt64() >= 2);
        await app.As("town.nanxiang", s => { s.Get.Url("/api/risk-points?pageSize=501"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task bad_assessments_and_bodies_are_refused_with_field_errors()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var town = await app.OrganisationOf("town.nanxiang");
        foreach (var body in new object[]
                 {
                     EnterprisePoint(enterprise, new { method = "LEC", l = 3, c = 40 }),         // no E
                     EnterprisePoint(enterprise, new { method = "LEC", l = 3, e = 6, c = 400 }), // C out of range
                     EnterprisePoint(enterprise, Ls(6, 1)),                                      // L outside 1–5
                     EnterprisePoint(enterprise, new { method = "LS", l = 2.5, s = 2 }),         // not whole
                     EnterprisePoint(enterprise, new { method = "LS", l = 3 }),                  // no S
                     new { @public = true, name = "无镇", category = "其他", controlMeasures = new[] { "x" }, assessment = Ls(1, 1) },
                     new { @public = true, townId = town, enterpriseId = enterprise, name = "两者", category = "其他", controlMeasures = new[] { "x" }, assessment = Ls(1, 1) },
                     new { enterpriseId = enterprise, name = "无措施", category = "其他", controlMeasures = Array.Empty<string>(), assessment = Ls(1, 1) },
                     new { enterpriseId = enterprise, name = "无评估", category = "其他", controlMeasures = new[] { "x" } }
                 })
        {
            var refused = await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(400); });
            Assert.True(refused.ShouldBeProblem(400).TryGetProperty("errors", out _));
        }

        var other = await app.UserIdOf("ent.demo2");
        var wrongPerson = await app.As("ent.demo1", s => { s.Post.Json(EnterprisePoint(enterprise, Ls(1, 1), "他人负责", other)).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(400); });
        Assert.True(wrongPerson.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("responsibleUserId", out _));
    }

    [Fact]
    public async Task an_idempotency_key_gives_one_point_and_another_body_is_a_422()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var body = EnterprisePoint(enterprise, Ls(2, 3), "幂等 仓库");
        var key = Guid.NewGuid().ToString();
        var first = await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/risk-points"); s.WithRequestHeader("Idempotency-Key", key); s.StatusCodeShouldBe(201); });
        var again = await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/risk-points"); s.WithRequestHeader("Idempotency-Key", key); s.StatusCodeShouldBe(201); });
        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        await app.As("ent.demo1", s => { s.Post.Json(EnterprisePoint(enterprise, Ls(2, 4), "幂等 仓库")).ToUrl("/api/risk-points"); s.WithRequestHeader("Idempotency-Key", key); s.StatusCodeShouldBe(422); });

        var list = (await app.As("ent.demo1", s => s.Get.Url($"/api/risk-points?q={Uri.EscapeDataString("幂等")}"))).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }
}
