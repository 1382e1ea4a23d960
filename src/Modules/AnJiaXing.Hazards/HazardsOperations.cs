namespace AnJiaXing.Hazards;

/// <summary>The words of the hazard ledger's operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class HazardsOperations : OperationTexts
{
    private const string Versioned = "须带 If-Match（或请求体 expectedVersion），过期版本答 409 并附当前状态；不在当前状态允许的步骤也答 409。";
    private const string VersionedEn = "Give If-Match (or expectedVersion in the body): a stale version is a 409 with the current state, and so is a step the current state does not allow.";

    public HazardsOperations() : base("隐患排查治理", "The hazard ledger: report, confirm, rectify, recheck and close, every step a signed event")
    {
        Add("ReportHazard", "上报隐患", "Report a hazard",
            "对辖区内一家企业上报一条隐患；重大隐患进入待确认，一般隐患直接进入整改流程。可附证据（先上传至 /api/evidence）。答 201、Location 与 { id, version }；带 Idempotency-Key 可安全重试。",
            "Report a hazard against an enterprise in your scope; a major one awaits the department's confirmation, a general one goes straight to rectification. Evidence is uploaded first to /api/evidence. 201 with Location and { id, version }; retry safely with an Idempotency-Key.",
            example: new ReportHazard(Guid.Parse("0193a3b0-7c3e-7d2a-9f10-3c5e8a1b2c4d"), HazardLevel.General, HazardCategory.Fire,
                "二号仓库东侧消防通道被货物堵塞", "二号仓库东侧", 31.30, 121.31, HazardSource.SupervisionInspection, null, null,
                "《中华人民共和国消防法》第二十八条", [], IndustryDomain.IndustryAndTrade, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8))));
        Add("SearchHazards", "查询隐患", "Search hazards",
            "在调用者辖区内按企业、镇街、领域、等级、状态、来源、是否逾期、时间段与关键字（q，描述、地点、企业名，中文可用）查询，分页，total 为总数。",
            "Hazards in the caller's scope by enterprise, town, domain, level, status, source, overdue, period and keyword (q: description, location, enterprise name; Chinese works), paged with the full total.");
        Add("GetHazard", "隐患详情", "A hazard",
            "隐患的当前状态与 ETag；?asOf=时间 或 ?version=n 返回当时的状态（时间回溯）。",
            "A hazard's current state with its ETag; ?asOf=<time> or ?version=<n> answers the state as it was then (time travel).");
        Add("GetHazardHistory", "隐患履历", "A hazard's history",
            "该隐患流的每个事件：序号、版本、类型、数据、时间、操作人，以及台账哈希与签名。",
            "Every event of the hazard's stream in order: sequence, version, type, data, time, actor, and the ledger's hash and signature.");
        Add("ConfirmHazard", "确认重大隐患", "Confirm a major hazard", "主管部门确认一条重大隐患。" + Versioned, "The department confirms a major hazard. " + VersionedEn);
        Add("DowngradeHazard", "降为一般隐患", "Downgrade to general", "主管部门将重大隐患降为一般隐患，须说明理由。" + Versioned, "The department downgrades a major hazard to general, with a reason. " + VersionedEn);
        Add("EscalateHazard", "升为重大隐患", "Escalate to major", "将一般隐患升为重大隐患，须说明理由。" + Versioned, "Escalate a general hazard to major, with a reason. " + VersionedEn);
        Add("DismissHazard", "认定不属于隐患", "Dismiss", "认定所报不属于隐患并结束，须说明理由。" + Versioned, "Decide the report is not a hazard, with a reason. " + VersionedEn);
        Add("WithdrawHazard", "撤回误报", "Withdraw a mistaken report", "上报人撤回误报，须说明理由。" + Versioned, "The reporter withdraws a mistaken entry, with a reason. " + VersionedEn);
        Add("AssignRectification", "下达整改", "Assign rectification",
            "指定整改责任人与期限（可附措施与资金）。" + Versioned, "Name the person responsible and the deadline (with measures and funds). " + VersionedEn);
        Add("DesignateRechecker", "指定复查人", "Designate the rechecker",
            "指定同一企业的一名企业用户复查。" + Versioned, "Designate an EnterpriseUser of the same enterprise to recheck. " + VersionedEn);
        Add("ExtendDeadline", "延长整改期限", "Extend the deadline", "延长整改期限，须说明理由；提醒随新期限重排。" + Versioned, "Extend the deadline, with a reason; reminders follow the new date. " + VersionedEn);
        Add("SubmitRectification", "提交整改", "Submit the rectification", "提交整改情况与证据（或现场整改）。" + Versioned, "Submit what was done, with evidence (or an on-the-spot fix). " + VersionedEn);
        Add("RecheckHazard", "复查", "Recheck", "复查整改结果：通过或不通过（退回整改），可附证据。" + Versioned, "Recheck the rectification: passed, or back to rectifying; with evidence. " + VersionedEn);
        Add("RequestClosure", "申请销号", "Request closure", "重大隐患复查通过后，企业申请销号。" + Versioned, "After a passed recheck of a major hazard, the enterprise applies for closure. " + VersionedEn);
        Add("DecideClosure", "销号审批", "Decide closure",
            "主管部门（重大）或镇街（一般）批准或驳回销号。" + Versioned, "The department (major) or the town (general) approves or refuses closure. " + VersionedEn);
    }
}
