namespace AnJiaXing.WorkLedger.Entries;

/// <summary>The routes, names and required fields of the three kinds: one mechanism for all of them.</summary>
public static class WorkLedgerKinds
{
    public static readonly IReadOnlyDictionary<string, WorkLedgerKind> Routes = new Dictionary<string, WorkLedgerKind>
    {
        ["meetings"] = WorkLedgerKind.Meeting,
        ["special-actions"] = WorkLedgerKind.SpecialAction,
        ["supervision-updates"] = WorkLedgerKind.SupervisionUpdate
    };

    public static readonly IReadOnlyDictionary<WorkLedgerKind, Noun> Names = new Dictionary<WorkLedgerKind, Noun>
    {
        [WorkLedgerKind.Meeting] = new("会议记录", "Meeting record"),
        [WorkLedgerKind.SpecialAction] = new("专项行动", "Special action"),
        [WorkLedgerKind.SupervisionUpdate] = new("监管动态", "Supervision update")
    };

    public static WorkLedgerKind Parse(string segment) =>
        Routes.TryGetValue(segment, out var kind) ? kind : throw ApiProblemException.NotFound("工作台账栏目", "Work ledger section", segment);

    public static string RouteOf(WorkLedgerKind kind) => Routes.First(r => r.Value == kind).Key;

    public static WorkLedgerContent Content(WorkLedgerKind kind, WorkLedgerData d)
    {
        var content = new WorkLedgerContent(d.Title.Trim(), d.At, d.Text.Trim(), Clean(d.Place), [.. (d.Attendees ?? []).Select(a => a.Trim()).Where(a => a.Length > 0)],
            Clean(d.Decisions), d.From, d.To, [.. (d.TownIds ?? []).Distinct()], [.. (d.Domains ?? []).Distinct()],
            [.. (d.PlanIds ?? []).Distinct()], [.. (d.InspectionIds ?? []).Distinct()], [.. (d.HazardIds ?? []).Distinct()]);
        var errors = new Dictionary<string, string[]>();
        switch (kind)
        {
            case WorkLedgerKind.Meeting:
                if (content.Place is null) errors["place"] = [ProblemLanguage.Say("请填写会议地点。", "Enter the meeting's place.")];
                if (content.Attendees.Count == 0) errors["attendees"] = [ProblemLanguage.Say("请填写参会人员。", "Enter the meeting's attendees.")];
                break;
            case WorkLedgerKind.SpecialAction:
                if (content.From is null || content.To is null) errors["from"] = [ProblemLanguage.Say("请填写专项行动的起止日期。", "Enter the special action's start and end dates.")];
                else if (content.From > content.To) errors["to"] = [ProblemLanguage.Say("结束日期不能早于开始日期。", "The end date cannot be before the start date.")];
                break;
        }
        if (kind != WorkLedgerKind.SpecialAction && (content.PlanIds.Count + content.InspectionIds.Count + content.HazardIds.Count) > 0)
            errors["planIds"] = [ProblemLanguage.Say("只有专项行动可以关联检查计划、检查和隐患。",
                "Only a special action may link inspection plans, inspections and hazards.")];
        if (errors.Count > 0) throw new ValidationProblemException(errors);
        return content;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
