namespace AnJiaXing.Inspections;

/// <summary>The words of the Inspections module's operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class InspectionsOperations : OperationTexts
{
    public InspectionsOperations() : base("检查、检查表与知识库", "Inspections, checklists, inspection plans and the knowledge base")
    {
        Add("ListChecklists", "查询检查表", "List checklists",
            "调用者可见的检查表（行业、推荐、自建），可按类型、领域筛选，分页。", "Checklists visible to the caller (industry, recommended, custom), by kind and domain, paged.");
        Add("GetChecklist", "检查表详情", "A checklist", "检查表的当前版本及其检查项，带 ETag。", "A checklist's current version and items, with its ETag.");
        Add("ListChecklistVersions", "检查表版本", "A checklist's versions", "检查表的每个已发布版本。", "Every published version of a checklist.");
        Add("PublishChecklist", "发布自建检查表", "Publish a custom checklist", "发布一份自建检查表，答 201。", "Publish a custom checklist; 201.");
        Add("ReviseChecklist", "修订检查表", "Revise a checklist",
            "修订产生新版本，进行中的检查仍按其开始时的版本；须带 If-Match。", "A revision makes a new version; inspections under way keep theirs. Give If-Match.");
        Add("RetireChecklist", "停用检查表", "Retire a checklist", "停用后不能再用它开始检查。", "A retired checklist starts no new inspections.", answer: Answer.NoContent);
        Add("MarkChecklistFavourite", "收藏检查表", "Mark a checklist as favourite", "把检查表加入我的收藏。", "Add a checklist to your favourites.", answer: Answer.NoContent);
        Add("UnmarkChecklistFavourite", "取消收藏", "Unmark a favourite", "把检查表移出我的收藏。", "Remove a checklist from your favourites.", answer: Answer.NoContent);
        Add("ListFavouriteChecklists", "我收藏的检查表", "My favourite checklists", "我收藏的检查表。", "Your favourite checklists.");
        Add("PublishKnowledgeDocument", "发布知识文档", "Publish a knowledge document",
            "发布一篇法规、标准或案例，供检查时引用与检索。", "Publish a regulation, standard or case for inspectors to cite and search.");
        Add("ReviseKnowledgeDocument", "修订知识文档", "Revise a knowledge document", "修订一篇知识文档；须带 If-Match。", "Revise a knowledge document; give If-Match.");
        Add("SearchKnowledge", "检索知识库", "Search the knowledge base",
            "按关键字（中文可用，模糊匹配）与类别检索，分页。", "Search by keyword (Chinese works, fuzzy) and category, paged.");
        Add("GetKnowledgeDocument", "知识文档详情", "A knowledge document", "一篇知识文档的全文。", "A knowledge document in full.");
        Add("PlanInspections", "制定检查计划", "Plan inspections",
            "为一组企业制定检查计划（类型、检查表、期限、检查人），答 201。", "Plan inspections of a set of enterprises (kind, checklist, period, inspectors); 201.");
        Add("SearchInspectionPlans", "查询检查计划", "Search inspection plans", "辖区内的检查计划及完成率，分页。", "Inspection plans in scope with their completion, paged.");
        Add("GetInspectionPlan", "检查计划详情", "An inspection plan",
            "计划的企业、已完成数、总数与完成率。", "A plan's enterprises, completed, total and completion rate.");
        Add("StartInspection", "开始检查", "Start an inspection",
            "对一家企业（或临时企业）开始一次检查，可按检查表与计划；答 201 与 { id, version }。", "Start an inspection of an enterprise (or a temporary one), optionally by checklist and plan; 201 with { id, version }.");
        Add("RecordInspectionItems", "记录检查项", "Record inspection items",
            "记录检查项结果（符合、不符合、不适用），不符合项可附证据与等级；快速检查可不带 itemCode 直接记录问题。提交前可多次记录。",
            "Record item results (Compliant, NonCompliant, NotApplicable), with evidence and a level for findings; a quick check records free-text findings without itemCode. Repeatable until submitted.");
        Add("SubmitInspection", "签名提交检查", "Sign and submit an inspection",
            "签名提交后记录不可再改；每个不符合项将各生成一条隐患，答复中即给出这些隐患的 id（raisedHazardIds），稍后即可查到。",
            "Sign and submit: the record is immutable afterwards; each NonCompliant item raises one hazard, whose ids the answer already gives (raisedHazardIds).");
        Add("GetInspection", "检查记录", "An inspection", "检查记录：状态、检查项与已生成（或待生成）的隐患。", "The record: status, items and the hazards raised (or pending).");
        Add("SearchInspections", "查询检查记录", "Search inspections",
            "按企业、检查人、计划、时间段查询辖区内的检查记录，分页。", "Inspections in scope by enterprise, inspector, plan and period, paged.");
    }
}
