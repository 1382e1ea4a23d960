using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Registers;

/// <summary>The certificate import sheet (.xlsx or .csv): Chinese headers, one row per certificate.</summary>
public static class CertificateSheet
{
    public const string Holder = "持证人或持证单位";
    public const string Kind = "证书类别";
    public const string Number = "证书编号";
    public const string IssuedOn = "发证日期";
    public const string ExpiresOn = "有效期至";

    public static readonly string[] Required = [Holder, Kind, Number, ExpiresOn];
    public const string Template = "/api/certificates/import/template";

    /// <summary>A certificate is the same one when its kind and number are: the number is unique only within its kind.</summary>
    public static string Key(string kind, string number) => $"{kind}\u001f{number}";
}

public static class ImportCertificatesEndpoint
{
    /// <summary>
    /// Registers the certificates of an uploaded sheet (multipart, one .xlsx or .csv) for one enterprise, as the
    /// equipment import does: each row judged on its own, a row whose 证书类别 and 证书编号 the enterprise already has
    /// (before, or earlier in the file) skipped, so uploading the same file twice creates nothing the second time.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/certificates/import", OperationId = "ImportCertificates")]
    [FileUpload("file", ".xlsx, .csv")]
    public static async Task<EquipmentImportReport> Post(Guid? enterpriseId, HttpContext http, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        if (enterpriseId is not { } id || id == Guid.Empty) throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("请选择企业（?enterpriseId=）", "Choose the enterprise (?enterpriseId=)"));
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(id, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, id);
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, enterprise.Domains, Noun.Enterprise);
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记台账。", "Your role may not keep these registers."));

        var rows = EquipmentSheet.Read(await ImportEquipmentEndpoint.ReadUploadAsync(http, ct), CertificateSheet.Required, CertificateSheet.Template);
        var known = (await session.Query<CertificateView>().Where(c => c.EnterpriseId == id).Select(c => new { c.Kind, c.Number }).ToListAsync(ct))
            .Select(c => CertificateSheet.Key(c.Kind, c.Number)).ToHashSet(StringComparer.Ordinal);
        int created = 0, skipped = 0;
        var rejected = new List<ImportRejection>();
        foreach (var (row, cells) in rows)
        {
            var errors = new List<string>();
            var holder = EquipmentSheet.Text(cells, CertificateSheet.Holder);
            var kind = EquipmentSheet.Text(cells, CertificateSheet.Kind);
            var number = EquipmentSheet.Text(cells, CertificateSheet.Number);
            if (holder is null) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Holder}：必填", $"{CertificateSheet.Holder}: required"));
            else if (holder.Length > 200) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Holder}：最多 200 字", $"{CertificateSheet.Holder}: at most 200 characters"));
            if (kind is null) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Kind}：必填", $"{CertificateSheet.Kind}: required"));
            else if (kind.Length > 100) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Kind}：最多 100 字", $"{CertificateSheet.Kind}: at most 100 characters"));
            if (number is null) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Number}：必填", $"{CertificateSheet.Number}: required"));
            else if (number.Length > 100) errors.Add(ProblemLanguage.Say($"{CertificateSheet.Number}：最多 100 字", $"{CertificateSheet.Number}: at most 100 characters"));
            var issued = EquipmentSheet.Date(cells, CertificateSheet.IssuedOn, errors);
            var expires = EquipmentSheet.Date(cells, CertificateSheet.ExpiresOn, errors);
            if (expires is null && !errors.Any(e => e.StartsWith(CertificateSheet.ExpiresOn, StringComparison.Ordinal))) errors.Add(ProblemLanguage.Say($"{CertificateSheet.ExpiresOn}：必填", $"{CertificateSheet.ExpiresOn}: required"));
            if (issued is { } i && expires is { } x && i > x) errors.Add(ProblemLanguage.Say($"{CertificateSheet.IssuedOn}：不能晚于有效期", $"{CertificateSheet.IssuedOn}: may not be after the expiry"));
            if (errors.Count > 0)
            {
                rejected.Add(new ImportRejection(row, errors));
                continue;
            }
            if (!known.Add(CertificateSheet.Key(kind!, number!)))
            {
                skipped++;
                continue;
            }
            var certificateId = Guid.CreateVersion7();
            session.Events.StartStream<CertificateView>(certificateId, new CertificateRegistered(certificateId, enterprise.Id, enterprise.Name,
                enterprise.TownId ?? Guid.Empty, [.. enterprise.Domains], holder!, kind!, number!, issued, expires!.Value, caller.Actor));
            created++;
        }
        return new EquipmentImportReport(created, skipped, rejected);
    }

    /// <summary>The .xlsx template: the Chinese headers and one example row.</summary>
    [Authorize]
    [WolverineGet("/api/certificates/import/template", OperationId = "GetCertificateImportTemplate")]
    public static IResult Template()
    {
        var example = new Dictionary<string, object>
        {
            [CertificateSheet.Holder] = "张伟",
            [CertificateSheet.Kind] = "特种作业操作证（危险化学品）",
            [CertificateSheet.Number] = "T310114198801010011",
            [CertificateSheet.IssuedOn] = "2024-03-01",
            [CertificateSheet.ExpiresOn] = "2030-02-28"
        };
        return Spreadsheets.File(new[] { example }, "证书导入", "certificate-import-template.xlsx");
    }
}
