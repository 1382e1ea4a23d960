namespace AnJiaXing.WorkLedger;

/// <summary>The words of the work-ledger operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class WorkLedgerOperations : OperationTexts
{
    private const string Sections = "section 为 meetings（会议）、special-actions（专项行动）、supervision-updates（督办动态）之一。";
    private const string SectionsEn = "section is one of meetings, special-actions, supervision-updates.";

    public WorkLedgerOperations() : base("工作台账", "The work ledger: meetings, special actions and supervision updates")
    {
        Add("RecordWorkLedgerEntry", "记录台账条目", "Record a ledger entry", "在台账的一栏中新增一条，可附 attachmentIds（先经 POST /api/evidence 上传）。" + Sections, "Add an entry to a section, with attachmentIds uploaded first through POST /api/evidence. " + SectionsEn);
        Add("ReviseWorkLedgerEntry", "修改台账条目", "Revise a ledger entry", "修改一条；须带 If-Match。" + Sections, "Revise an entry; give If-Match. " + SectionsEn);
        Add("GetWorkLedgerEntry", "台账条目详情", "A ledger entry", "一条台账，带 ETag。" + Sections, "One entry, with its ETag. " + SectionsEn);
        Add("SearchWorkLedger", "工作台账", "The work ledger", "三栏合并、按时间排列的台账，可按时间段与关键字筛选，分页。", "The three sections in time order, by period and keyword, paged.");
        Add("SearchWorkLedgerSection", "查询台账一栏", "Search one section", "一栏中的条目，分页。" + Sections, "The entries of one section, paged. " + SectionsEn);
        Add("GetSpecialActionProgress", "专项行动进展", "A special action's progress", "专项行动关联的检查计划、检查与隐患中，属于行动期间、街镇与行业领域的部分的完成情况；范围外的关联另计。", "How far the linked plans, inspections and hazards within the action's period, towns and domains got; linked ones outside are counted apart.");
        Add("ExportWorkLedger", "导出工作台账", "Export the work ledger", "期间内的台账（.xlsx）。", "The ledger of a period as .xlsx.", answer: Answer.File(Answer.Xlsx));
    }
}
