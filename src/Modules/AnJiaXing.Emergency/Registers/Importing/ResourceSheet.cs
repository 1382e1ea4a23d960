using System.Globalization;

namespace AnJiaXing.Emergency.Registers.Importing;

/// <summary>
/// The import sheets of the registers imported in bulk (supplies, experts, fire facilities): Chinese headers, which
/// field each fills, and turning a row into the same <see cref="EmergencyResourceData"/> the API takes.
/// </summary>
public static class ResourceSheet
{
    public sealed record Column(string Header, string Field, bool Required = false);

    private static readonly Column[] Common = [new("名称", "name", true), new("类别", "category"), new("位置", "location"), new("纬度", "latitude"),
        new("经度", "longitude"), new("联系电话", "phone"), new("备注", "remarks")];

    public static readonly IReadOnlyDictionary<EmergencyRegister, Column[]> Sheets = new Dictionary<EmergencyRegister, Column[]>
    {
        [EmergencyRegister.Supplies] = [.. Common, new("数量", "quantity", true), new("单位", "unit", true), new("保管人", "keeper"), new("有效期至", "expiresOn")],
        [EmergencyRegister.Experts] = [.. Common, new("专业领域", "speciality", true), new("工作单位", "workUnit")],
        [EmergencyRegister.FireFacilities] = [.. Common, new("最近检查日期", "lastInspectedOn")]
    };

    public static readonly IReadOnlyDictionary<EmergencyRegister, Dictionary<string, object>> Examples = new Dictionary<EmergencyRegister, Dictionary<string, object>>
    {
        [EmergencyRegister.Supplies] = new() { ["名称"] = "防汛沙袋", ["类别"] = "防汛物资", ["位置"] = "镇应急物资仓库", ["纬度"] = 31.2985, ["经度"] = 121.3198,
            ["联系电话"] = "021-59120000", ["备注"] = "", ["数量"] = 2000, ["单位"] = "只", ["保管人"] = "王磊", ["有效期至"] = "2028-12-31" },
        [EmergencyRegister.Experts] = new() { ["名称"] = "张建华", ["类别"] = "危化", ["位置"] = "", ["纬度"] = "", ["经度"] = "", ["联系电话"] = "13800000001",
            ["备注"] = "", ["专业领域"] = "化工工艺安全", ["工作单位"] = "上海化工研究院" },
        [EmergencyRegister.FireFacilities] = new() { ["名称"] = "室外消火栓 NX-001", ["类别"] = "室外消火栓", ["位置"] = "沪宜公路与民主街交叉口", ["纬度"] = 31.2978,
            ["经度"] = 121.3205, ["联系电话"] = "", ["备注"] = "", ["最近检查日期"] = "2026-10-15" }
    };

    public static Column[] Of(EmergencyRegister register) =>
        Sheets.TryGetValue(register, out var columns) ? columns
            : throw ApiProblemException.NotFound("台账导入", "Import of register", EmergencyResources.RouteOf(register));

    /// <summary>The row as the API's body, or the reasons (prefixed with the column's header) it cannot be one.</summary>
    public static (EmergencyResourceData? Data, List<string> Errors) Read(Column[] columns, IDictionary<string, object?> row,
        Guid? enterpriseId, Guid? townId)
    {
        var errors = new List<string>();
        var aNumber = ProblemLanguage.Say("数字", "a number");
        var aDate = ProblemLanguage.Say("日期", "a date");
        string? Text(string field)
        {
            var header = columns.FirstOrDefault(c => c.Field == field)?.Header;
            if (header is null || !row.TryGetValue(header, out var value) || value is null) return null;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
        T? Parse<T>(string field, Func<string, T?> parse, string expected) where T : struct
        {
            var text = Text(field);
            if (text is null) return null;
            var parsed = parse(text);
            if (parsed is null) errors.Add(ProblemLanguage.Say($"{HeaderOf(columns, field)}: '{text}' 不是{expected}。", $"{HeaderOf(columns, field)}: '{text}' is not {expected}."));
            return parsed;
        }
        double? Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        DateOnly? Date(string s) => DateOnly.TryParse(s, CultureInfo.InvariantCulture, out var d) ? d
            : DateTime.TryParse(s, CultureInfo.InvariantCulture, out var t) ? DateOnly.FromDateTime(t) : null;

        var data = new EmergencyResourceData(Text("name") ?? "", enterpriseId, townId, Text("category"), Text("location"),
            Parse("latitude", Number, aNumber), Parse("longitude", Number, aNumber),
            Parse("quantity", s => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var q) ? q : (decimal?)null, aNumber),
            Text("unit"), Text("keeper"), Parse("expiresOn", Date, aDate), null, null, null, Text("phone"), Text("speciality"), Text("workUnit"),
            Parse("lastInspectedOn", Date, aDate), Text("remarks"));
        return (data, errors);
    }

    public static string HeaderOf(Column[] columns, string field) =>
        columns.FirstOrDefault(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase))?.Header ?? field;
}
