using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Emergency;

public class when_keeping_emergency_registers(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Registers => ["supplies", "fire-stations", "teams", "experts", "fire-facilities"];

    [Theory]
    [MemberData(nameof(Registers))]
    public async Task an_entry_is_created_read_updated_and_a_stale_update_is_refused(string register)
    {
        var town = await app.TownNamed("南翔镇");
        var name = $"南翔{register}-{Guid.NewGuid():N}"[..24];
        var (id, created) = await app.Create("town.nanxiang", register, EmergencySteps.Entry(name, townId: town, lat: 31.29, lon: 121.32));
        Assert.Equal($"/api/emergency/{register}/{id}", created.Context.Response.Headers.Location.ToString());
        Assert.Equal(1, created.Json().GetProperty("version").GetInt64());

        var read = await app.As("town.nanxiang", s => s.Get.Url($"/api/emergency/{register}/{id}"));
        Assert.Equal("\"1\"", read.Context.Response.Headers.ETag.ToString());
        var view = read.Json();
        Assert.Equal(name, view.GetProperty("details").GetProperty("name").GetString());
        Assert.Equal("南翔镇", view.GetProperty("townName").GetString());

        var changed = EmergencySteps.Entry(name + "改", townId: town, lat: 31.30, lon: 121.33);
        var updated = await app.As("town.nanxiang", s =>
        {
            s.Put.Json(changed).ToUrl($"/api/emergency/{register}/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(2, updated.Json().GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", updated.Context.Response.Headers.ETag.ToString());

        var stale = await app.As("town.nanxiang", s =>
        {
            s.Put.Json(EmergencySteps.Entry(name + "再改", townId: town)).ToUrl($"/api/emergency/{register}/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal(2, stale.ShouldBeProblem(409).GetProperty("currentVersion").GetInt64());

        var history = await app.Get("auditor", $"/api/emergency/{register}/{id}/history");
        Assert.Equal(["emergency_resource_registered", "emergency_resource_updated"],
            history.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Equal([1L, 2L], history.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToArray());
        Assert.All(history.EnumerateArray(), e => Assert.Equal("TownSupervisor", e.GetProperty("actor").GetProperty("role").GetString()));
        Assert.Equal(name + "改", (await app.Get("town.nanxiang", $"/api/emergency/{register}/{id}")).GetProperty("details").GetProperty("name").GetString());
    }


    [Fact]
    public async Task each_register_demands_its_own_fields()
    {
        var town = await app.TownNamed("南翔镇");
        var (_, supply) = await app.Create("town.nanxiang", "supplies", new { name = "缺数量的物资", townId = town }, 400);
        var errors = supply.ShouldBeProblem(400).GetProperty("errors");
        Assert.True(errors.TryGetProperty("quantity", out _));
        Assert.True(errors.TryGetProperty("unit", out _));
        var (_, expert) = await app.Create("district.admin", "experts", new { name = "无专业的专家" }, 400);
        Assert.True(expert.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("speciality", out _));
        await app.Create("district.admin", "experts", new { name = "有专业的专家", speciality = "化工", phone = "13900000000" });

        var unknown = await app.As("district.admin", s =>
        {
            s.Post.Json(new { name = "x" }).ToUrl("/api/emergency/rockets");
            s.StatusCodeShouldBe(404);
        });
        unknown.ShouldBeProblem(404);
    }

    [Theory]
    [MemberData(nameof(Registers))]
    public async Task search_and_reads_follow_the_scope_of_each_role(string register)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var nanxiang = await app.TownNamed("南翔镇");
        var anting = await app.TownNamed("安亭镇");
        var demo1 = await app.OrganisationOf("ent.demo1");   // 南翔镇, hazardous chemicals
        var demo3 = await app.OrganisationOf("ent.demo3");   // 安亭镇, construction sites

        var (ownOfDemo1, _) = await app.Create("ent.demo1", register, EmergencySteps.Entry($"{tag}企业站", enterpriseId: demo1));
        var (ofNanxiang, _) = await app.Create("town.nanxiang", register, EmergencySteps.Entry($"{tag}南翔站", townId: nanxiang));
        var (ofAnting, _) = await app.Create("town.anting", register, EmergencySteps.Entry($"{tag}安亭站", townId: anting));
        await app.Create("ent.demo3", register, EmergencySteps.Entry($"{tag}工地站", enterpriseId: demo3));
        await app.Create("district.admin", register, EmergencySteps.Entry($"{tag}区级站"));

        async Task<string[]> Seen(string user) =>
            [.. (await app.Get(user, $"/api/emergency/{register}?q={tag}&pageSize=100")).Names().Select(n => n[tag.Length..]).Order()];

        Assert.Equal(["企业站"], await Seen("ent.demo1"));
        Assert.Equal(["企业站", "区级站", "南翔站"], await Seen("town.nanxiang"));
        Assert.Equal(["区级站", "安亭站", "工地站"], await Seen("town.anting"));
        Assert.Equal(["企业站", "区级站", "南翔站", "安亭站"], await Seen("dept.emergency"));   // not the construction site's
        Assert.Equal(["企业站", "区级站", "南翔站", "安亭站", "工地站"], await Seen("district.admin"));
        Assert.Equal(["企业站", "区级站", "南翔站", "安亭站", "工地站"], await Seen("auditor"));

        var page = await app.Get("district.admin", $"/api/emergency/{register}?q={tag}&page=2&pageSize=2");
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());

        await app.Get("town.anting", $"/api/emergency/{register}/{ofNanxiang}", 404);
        await app.Get("ent.demo1", $"/api/emergency/{register}/{ofAnting}", 404);
        var other = register == "supplies" ? "teams" : "supplies";
        await app.Get("town.nanxiang", $"/api/emergency/{other}/{ofNanxiang}", 404);   // another register's id

        async Task Put(string user, Guid id, int status) => await app.As(user, s =>
        {
            s.Put.Json(EmergencySteps.Entry($"{tag}改名")).ToUrl($"/api/emergency/{register}/{id}");
            s.StatusCodeShouldBe(status);
        });
        await Put("town.anting", ofNanxiang, 404);
        await Put("auditor", ofNanxiang, 403);
        await Put("dept.emergency", ofNanxiang, 403);
        await Put("ent.demo1", ofNanxiang, 404);
        await Put("town.nanxiang", ownOfDemo1, 200);   // the town keeps its enterprises' records too

        await app.Create("ent.demo2", register, EmergencySteps.Entry($"{tag}越权", enterpriseId: demo1), 404);
        await app.Create("auditor", register, EmergencySteps.Entry($"{tag}审计"), 403);
        await app.Create("town.nanxiang", register, EmergencySteps.Entry($"{tag}越镇", townId: anting), 404);   // another town is outside its scope
    }

    [Fact]
    public async Task a_retried_create_with_the_same_key_makes_one_entry()
    {
        var key = Guid.NewGuid().ToString();
        var body = EmergencySteps.Entry($"幂等物资{key[..8]}", townId: await app.TownNamed("南翔镇"));
        async Task<Guid> Post() => (await app.As("town.nanxiang", s =>
        {
            s.Post.Json(body).ToUrl("/api/emergency/supplies");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        Assert.Equal(await Post(), await Post());
        var found = await app.Get("town.nanxiang", $"/api/emergency/supplies?q={key[..8]}");
        Assert.Equal(1, found.GetProperty("total").GetInt64());
    }
}
