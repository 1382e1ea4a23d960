using JasperFx.Events;

namespace AnJiaXing.Inspections;

/// <summary>What the inspector found for one item, before the rules turn it into an event.</summary>
public sealed record ItemFinding(
    string? ItemCode, string? Content, ItemResult Result, string? Notes, IReadOnlyList<EvidenceRef> Evidence,
    HazardLevel? Level, HazardCategory? Category);

/// <summary>
/// The inspection aggregate: the state its rules decide against (folded live from the stream; reads answer
/// <see cref="InspectionRecord"/>), and the rules — each command yields its events or is refused (nothing appended).
/// Who may act is decided before, by <see cref="InspectionAccess"/> on the command path.
/// </summary>
public sealed class Inspection
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public InspectionKind Kind { get; set; }
    public InspectionStatus Status { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public Guid? ChecklistId { get; set; }
    public int? ChecklistVersion { get; set; }
    public Guid? PlanId { get; set; }
    public Guid? HazardId { get; set; }
    public Guid InspectorId { get; set; }
    public List<InspectionItem> Items { get; set; } = [];
    public List<Guid> RaisedHazardIds { get; set; } = [];

    public static Inspection Create(InspectionStarted s) => new()
    {
        Id = s.InspectionId,
        Kind = s.Kind,
        Status = InspectionStatus.Draft,
        EnterpriseId = s.EnterpriseId,
        TownId = s.TownId,
        Domains = [.. s.Domains],
        ChecklistId = s.ChecklistId,
        ChecklistVersion = s.ChecklistVersion,
        PlanId = s.PlanId,
        HazardId = s.HazardId,
        InspectorId = s.By.Id
    };

    public void Apply(IEvent<InspectionItemRecorded> e) => InspectionItems.Record(Items, e.Data, e.Timestamp);
    public void Apply(InspectionSubmitted _) => Status = InspectionStatus.Submitted;
    public void Apply(InspectionHazardRaised e) => RaisedHazardIds.Add(e.HazardId);
    public void Apply(InspectionRecheckRecorded _) { }

    public InspectionItem? FindItem(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The id of the hazard a finding raises: the same for every delivery, so a finding raises one hazard at most.</summary>
    public static Guid HazardIdFor(Guid inspectionId, string itemCode) => StableId.For($"inspection:{inspectionId:N}:item:{itemCode}");

    public static InspectionStarted Start(
        Guid id, InspectionKind kind, Organisation? enterprise, TemporaryEnterprise? temporary, Organisation town,
        Checklist? checklist, Guid? planId, Guid? hazardId, Caller caller)
    {
        if (caller.Role == Role.EnterpriseUser && kind != InspectionKind.SelfInspection)
            throw ApiProblemException.Validation("kind", ProblemLanguage.Say("企业检查自身请使用 kind SelfInspection。", "An enterprise inspects itself with kind SelfInspection."));
        if (kind == InspectionKind.SelfInspection && caller.Role != Role.EnterpriseUser)
            throw ApiProblemException.Validation("kind", ProblemLanguage.Say("自查由企业自己的用户进行。", "A self-inspection (自查) is made by the enterprise's own users."));
        if (kind == InspectionKind.LawEnforcement && caller.Role is not (Role.DepartmentOfficer or Role.TownSupervisor or Role.DistrictAdmin))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say("只有监管人员才能进行执法检查。", "Only supervising officials carry out law-enforcement inspections."));
        if (enterprise is { Enabled: false })
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{enterprise.Name}”已停用，不能检查。", $"'{enterprise.Name}' is disabled; it cannot be inspected."));
        if (checklist is { Retired: true })
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"检查表“{checklist.Name}”已停用，请选用现行的检查表。", $"Checklist '{checklist.Name}' is retired; choose a current one."));

        var name = enterprise?.Name ?? temporary?.Name.Trim() ?? "";
        var domains = enterprise?.Domains.ToList()
                      ?? (checklist?.Domain is { } d ? [d] : []);
        return new InspectionStarted(id, kind, enterprise?.Id, name,
            temporary is null ? null : new TemporaryEnterprise(temporary.Name.Trim(), temporary.Address.Trim()),
            town.Id, town.Name, domains, checklist?.Id, checklist?.Name, checklist?.Version, checklist?.Items.Count ?? 0,
            planId, hazardId, caller.Actor);
    }

    /// <summary>Item results for a draft; a code of the pinned checklist takes that item's content, a finding without one is free text.</summary>
    public IReadOnlyList<InspectionItemRecorded> Record(IReadOnlyList<ItemFinding> findings, Checklist? pinned, Actor by)
    {
        var r = this;
        RequireDraft(r);
        var events = new List<InspectionItemRecorded>();
        var nextFree = r.Items.Count(i => !i.FromChecklist) + 1;
        foreach (var f in findings)
        {
            var code = f.ItemCode?.Trim();
            var checklistItem = code is null || pinned is null ? null : pinned.FindItem(code);
            if (checklistItem is not null)
            {
                events.Add(new InspectionItemRecorded(r.Id, checklistItem.Code, true, checklistItem.Category, checklistItem.Content,
                    checklistItem.LegalBasis, checklistItem.SuggestedLevel, f.Result, Clean(f.Notes), f.Evidence, f.Level,
                    f.Category ?? CategoryFor(checklistItem.Category, checklistItem.Content), by));
                continue;
            }

            // A code that is no checklist item may only correct an earlier free-text finding.
            var earlier = code is null ? null : r.FindItem(code);
            if (code is not null && (earlier is null || earlier.FromChecklist))
                throw ApiProblemException.Validation("itemCode", pinned is null
                    ? ProblemLanguage.Say($"“{code}”不是本次检查的发现；新的现场发现请不要提供 itemCode。", $"'{code}' is no finding of this inspection; leave itemCode out for a new free-text finding.")
                    : ProblemLanguage.Say($"“{code}”不是检查表“{pinned.Name}”第 {pinned.Version} 版的检查项。", $"'{code}' is not an item of checklist '{pinned.Name}' version {pinned.Version}."));
            var content = Clean(f.Content) ?? earlier?.Content
                          ?? throw ApiProblemException.Validation("content", ProblemLanguage.Say("现场发现须填写内容。", "A free-text finding needs its content."));
            var freeCode = code ?? $"F{nextFree++}";
            events.Add(new InspectionItemRecorded(r.Id, freeCode, false, "现场发现", content, null, HazardLevel.General, f.Result,
                Clean(f.Notes), f.Evidence, f.Level, f.Category ?? earlier?.Category ?? CategoryFor("", content), by));
        }
        return events;
    }

    public InspectionSubmitted Submit(string? signatureKeyId, Actor by)
    {
        var r = this;
        RequireDraft(r);
        if (r.Items.Count == 0) throw Conflict(r, ProblemLanguage.Say("提交前请至少记录一个检查项。", "Record at least one item before submitting."));
        var raises = r.Kind is not (InspectionKind.Temporary or InspectionKind.Recheck);
        var findings = raises ? r.Items.Where(i => i.Result == ItemResult.NonCompliant).Select(i => i.Code).ToList() : [];
        return new InspectionSubmitted(r.Id, r.EnterpriseId, r.PlanId, findings, signatureKeyId, by);
    }

    /// <summary>A recheck passes when no item was found NonCompliant; the notes of those that were give the reasons.</summary>
    public (bool Passed, string? Remarks, IReadOnlyList<EvidenceRef> Evidence) RecheckVerdict()
    {
        var r = this;
        var failed = r.Items.Where(i => i.Result == ItemResult.NonCompliant).ToList();
        var evidence = r.Items.SelectMany(i => i.Evidence).Distinct().ToList();
        if (failed.Count == 0)
            return (true, string.Join("；", r.Items.Select(i => i.Notes).OfType<string>()) is { Length: > 0 } n ? n : "复查合格", evidence);
        return (false, string.Join("；", failed.Select(i => i.Notes ?? i.Content)), evidence);
    }

    public static HazardSource SourceFor(InspectionKind kind, Role inspectorRole) => kind switch
    {
        InspectionKind.SelfInspection => HazardSource.SelfInspection,
        InspectionKind.LawEnforcement => HazardSource.LawEnforcement,
        InspectionKind.QuickCheck or InspectionKind.Temporary => HazardSource.QuickCheck,
        _ when inspectorRole == Role.ThirdPartyInspector => HazardSource.ThirdPartyInspection,
        _ => HazardSource.SupervisionInspection
    };

    /// <summary>The inspector's own level wins; otherwise the checklist item's suggestion (a free-text finding: General).</summary>
    public static HazardLevel LevelFor(InspectionItem item) => item.Level ?? item.SuggestedLevel;

    private static readonly (string[] Words, HazardCategory Category)[] CategoryWords =
    [
        (["有限空间"], HazardCategory.ConfinedSpace),
        (["高处", "临边"], HazardCategory.WorkAtHeight),
        (["特种设备", "起重", "叉车", "压力容器", "安全附件"], HazardCategory.SpecialEquipment),
        (["危险化学品", "危化", "重大危险源", "液氨", "装卸充装", "储存", "罐", "可燃气体", "工艺"], HazardCategory.HazardousChemicals),
        (["消防", "灭火", "火灾", "疏散", "防火", "耐火", "安全出口"], HazardCategory.Fire),
        (["电气", "供电", "用电", "配电", "电线"], HazardCategory.Electrical),
        (["脚手架", "基坑", "模板", "拆除", "施工"], HazardCategory.Construction),
        (["机械", "防护罩", "设备"], HazardCategory.Machinery),
        (["管理", "制度", "培训", "证照", "资质", "应急", "隐患排查", "承包", "台账", "劳动防护"], HazardCategory.Management)
    ];

    /// <summary>The ledger's hazard category for a checklist category or finding text (the inspector may override it).</summary>
    public static HazardCategory CategoryFor(string category, string content)
    {
        foreach (var text in new[] { category, content })
            foreach (var (words, c) in CategoryWords)
                if (words.Any(w => text.Contains(w, StringComparison.Ordinal))) return c;
        return HazardCategory.Other;
    }

    private static void RequireDraft(Inspection r)
    {
        if (r.Status != InspectionStatus.Draft)
            throw Conflict(r, ProblemLanguage.Say("检查已签名提交，记录不能再更改。", "The inspection was submitted and signed; its record can no longer be changed."));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static ApiProblemException Conflict(Inspection r, string detail) =>
        ApiProblemException.Conflict(detail, new Dictionary<string, object?>
        {
            ["currentStatus"] = r.Status.ToString(),
            ["currentVersion"] = r.Version
        });
}
