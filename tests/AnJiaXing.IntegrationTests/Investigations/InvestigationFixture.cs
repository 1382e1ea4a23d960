using System.Security.Cryptography;
using System.Text;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using AnJiaXing.IntegrationTests.Inspections;

namespace AnJiaXing.IntegrationTests.Investigations;

/// <summary>
/// A record to investigate at 南翔化工 (南翔镇, hazardous chemicals), counted by hand:
/// - inspection I1 by town.nanxiang: HC-01 and HC-02 non-compliant, HC-03 compliant; submitted, it raises hazards H1, H2;
/// - H3 reported by ent.a1 and assigned to ent.a2 with a deadline in 7 days; the clock then moves 10 days: 3 days overdue;
/// - H4 reported by town.nanxiang, escalated by town.nanxiang with a personal signature, confirmed by dept.emergency;
/// - H5 at 安亭建工 (安亭镇), outside the enterprise and the town.
/// Every account signs in before the clock moves (tokens are issued on the fixture's clock).
/// </summary>
public class InvestigationFixture : HazardFixture
{
    public Guid Inspection { get; private set; }
    public Guid Overdue { get; private set; }
    public Guid Escalated { get; private set; }
    public Guid Elsewhere { get; private set; }
    public DateTimeOffset From { get; private set; }

    public static readonly string[] Accounts =
        ["auditor", "district.admin", "town.nanxiang", "town.anting", "dept.emergency", "dept.construction", "inspector.nanxiang", "ent.a1", "ent.a2", "ent.b1"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var a in Accounts) await TokenFor(a);
        From = Clock.GetUtcNow().AddDays(-1);

        Inspection = await this.Start("town.nanxiang", new { kind = "Routine", enterpriseId = NanxiangChemicals, checklistId = InspectionSteps.ChemicalsChecklist });
        await this.Record("town.nanxiang", Inspection, new
        {
            items = new[]
            {
                InspectionSteps.Item("HC-01", "NonCompliant", "主要负责人未取得安全合格证", level: "General"),
                InspectionSteps.Item("HC-02", "NonCompliant", "专职安全管理人员证书过期", level: "General"),
                InspectionSteps.Item("HC-03", "Compliant")
            }
        });
        await this.Submit("town.nanxiang", Inspection);

        Overdue = await this.Report("ent.a1", HazardSteps.GeneralReport(NanxiangChemicals, description: "罐区防火堤破损"));
        await this.Act("ent.a1", Overdue, "assign", this.Assignment("ent.a2"));

        Escalated = await this.Report("town.nanxiang", HazardSteps.GeneralReport(NanxiangChemicals, "SupervisionInspection", "装卸区静电接地失效"));
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var keyId = (await As("town.nanxiang", s =>
                s.Post.Json(new { publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) }).ToUrl("/api/me/signing-keys"))).Json()
                .GetProperty("keyId").GetString()!;
            var body = "{\"reason\":\"涉及重大危险源\"}";
            var path = $"/api/hazards/{Escalated}/escalate";
            var signature = Convert.ToBase64String(key.SignData(
                Encoding.UTF8.GetBytes(PersonalSignature.PayloadFor("POST", path, Encoding.UTF8.GetBytes(body))), HashAlgorithmName.SHA256));
            await As("town.nanxiang", s =>
            {
                s.Post.Text(body).ToUrl(path);
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithRequestHeader("X-Signature", $"keyId={keyId}; signature={signature}");
                s.StatusCodeShouldBe(200);
            });
        }
        await this.Act("dept.emergency", Escalated, "confirm", null);

        Elsewhere = await this.Report("ent.b1", HazardSteps.GeneralReport(AntingConstruction));
        Clock.Advance(TimeSpan.FromDays(10));
    }

    public async Task<Guid> Open(string username, object body, int status = 201)
    {
        var result = await As(username, s =>
        {
            s.Post.Json(body).ToUrl("/api/investigations");
            s.StatusCodeShouldBe(status);
        });
        return status == 201 ? result.Json().GetProperty("id").GetGuid() : Guid.Empty;
    }

    public object OfEnterprise(Guid enterpriseId, string subject = "罐区事故责任调查") =>
        new { enterpriseId, from = From, to = Clock.GetUtcNow().AddDays(1), subject };

    public async Task<byte[]> Bundle(string username, Guid id)
    {
        var result = await As(username, s =>
        {
            s.Get.Url($"/api/investigations/{id}/bundle");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal("application/zip", result.Context.Response.ContentType);
        using var copy = new MemoryStream();
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
