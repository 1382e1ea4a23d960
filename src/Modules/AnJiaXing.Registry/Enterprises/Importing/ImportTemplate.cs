using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises.Importing;

public static class ImportTemplateEndpoint
{
    public const string XlsxContentType = Spreadsheets.XlsxContentType;

    /// <summary>The .xlsx import template: the Chinese headers and one example row.</summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverineGet("/api/enterprises/import/template", OperationId = "GetEnterpriseImportTemplate")]
    public static IResult Get()
    {
        var example = new Dictionary<string, object>
        {
            [EnterpriseSheet.Name] = "上海示例化工有限公司",
            [EnterpriseSheet.CreditCode] = CreditCode.Complete("91310114MA1000001"),
            [EnterpriseSheet.Address] = "南翔镇嘉罗公路100号",
            [EnterpriseSheet.Town] = "南翔镇",
            [EnterpriseSheet.Domains] = "危化、厂房仓库",
            [EnterpriseSheet.Scale] = "中型",
            [EnterpriseSheet.LegalRepresentative] = "张三",
            [EnterpriseSheet.SafetyManager] = "李四",
            [EnterpriseSheet.ContactPhone] = "021-59000000"
        };
        return Spreadsheets.File(new[] { example }, "企业导入", "enterprise-import-template.xlsx");
    }
}
