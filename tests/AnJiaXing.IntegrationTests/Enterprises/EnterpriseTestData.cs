using System.Net.Http.Headers;
using System.Text;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Enterprises;

/// <summary>Valid credit codes that never collide with the demo ones, and helpers to register and upload.</summary>
public static class EnterpriseTestData
{
    private static int _serial;

    /// <summary>A fresh valid code (organisation part "T" + counter, outside the demo's "MA1…" range).</summary>
    public static string NewCreditCode() =>
        CreditCode.Complete($"91310114T{Interlocked.Increment(ref _serial) + Random.Shared.Next(0, 9_000_000) * 10:D8}"[..17]);

    public static async Task<Guid> TownId(this AppFixture app, string name)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Organisation>().SingleAsync(o => o.Name == name && o.Kind == OrganisationKind.Town)).Id;
    }

    public static object Body(string name, string creditCode, Guid townId, params string[] domains) => new
    {
        name, creditCode, address = "嘉定区某路1号", townId, domains = domains.Length == 0 ? ["IndustryAndTrade"] : domains,
        scale = "小型", legalRepresentative = "张三", safetyManager = "李四", contactPhone = "021-59001234", latitude = 31.38, longitude = 121.26
    };

    public static async Task<Guid> Register(this AppFixture app, string asUser, string name, string town, params string[] domains)
    {
        var townId = await app.TownId(town);
        var result = await app.As(asUser, s =>
        {
            s.Post.Json(Body(name, NewCreditCode(), townId, domains)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    public static MultipartFormDataContent Upload(byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public const string CsvHeader = "企业名称,统一社会信用代码,地址,所属街镇,行业领域,规模,法定代表人,安全负责人,联系电话";

    public static Task<IScenarioResult> Import(this AppFixture app, string asUser, MultipartFormDataContent content, int status) =>
        app.As(asUser, s =>
        {
            s.Post.MultipartFormData(content).ToUrl("/api/enterprises/import");
            s.StatusCodeShouldBe(status);
        });
}
