using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>
/// The demo district with its demo enterprises: ent.demo1 (上海嘉翔精细化工, 南翔镇, hazardous chemicals), ent.demo2
/// (南翔镇, industry and trade), ent.demo3 (安亭镇, construction sites). Helpers for the risk-point bodies the tests post.
/// </summary>
public class RiskControlFixture : AppFixture
{
    private readonly Dictionary<string, JsonElement> _me = new();

    public async Task<JsonElement> Me(string username)
    {
        if (_me.TryGetValue(username, out var me)) return me;
        me = (await As(username, s => s.Get.Url("/api/me"))).Json();
        lock (_me) _me[username] = me;
        return me;
    }

    public async Task<Guid> OrganisationOf(string username) => (await Me(username)).GetProperty("organisationId").GetGuid();
    public async Task<Guid> UserIdOf(string username) => (await Me(username)).GetProperty("id").GetGuid();

    public static object Lec(double l, double e, double c) => new { method = "LEC", l, e, c };
    public static object Ls(double l, double s) => new { method = "LS", l, s };

    public static object EnterprisePoint(Guid enterpriseId, object assessment, string name = "甲类仓库", Guid? responsibleUserId = null) => new
    {
        enterpriseId, name, location = "厂区东北角 3 号库", category = "火灾、爆炸", hazardFactors = "易燃液体储存、静电、明火",
        possibleAccidents = "火灾、爆炸、中毒", controlMeasures = new[] { "严禁烟火，设置防爆电气", "可燃气体报警器每日点检" },
        emergencyMeasures = "立即切断电源，启动喷淋，疏散人员并报警", emergencyPhone = "021-59120000", responsibleUserId, assessment
    };

    public static object PublicPoint(Guid townId, object assessment, string? domain = null, string name = "南翔老街人员密集区") => new
    {
        @public = true, townId, name, category = "人员密集场所", controlMeasures = new[] { "节假日限流", "设置疏散指引" }, assessment, domain
    };

    /// <summary>Registers a risk point as <paramref name="username"/> and answers its id.</summary>
    public async Task<Guid> Register(string username, object body)
    {
        var created = await As(username, s => { s.Post.Json(body).ToUrl("/api/risk-points"); s.StatusCodeShouldBe(201); });
        return created.Json().GetProperty("id").GetGuid();
    }
}
