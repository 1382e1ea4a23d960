namespace AnJiaXing.RiskControl;

/// <summary>The words of the risk-control operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class RiskControlOperations : OperationTexts
{
    public RiskControlOperations() : base("风险分级管控", "Risk control: risk points assessed by LEC or LS, the four-colour map, patrols")
    {
        Add("RegisterRiskPoint", "登记风险点", "Register a risk point",
            "登记企业或公共区域的风险点并评估（LEC：D = L × E × C；LS：R = L × S），答 201，附评出的等级与分值。",
            "Register a risk point of an enterprise or a public area with its assessment (LEC: D = L × E × C; LS: R = L × S); 201 with the level and score.",
            answer: Answer.Created<RiskPointCreated>());
        Add("SearchRiskPoints", "查询风险点", "Search risk points", "辖区内按企业、镇街、等级、是否公共区域查询，分页。", "Risk points in scope by enterprise, town, level and public, paged.");
        Add("GetRiskPoint", "风险点详情", "A risk point", "风险点的当前评估、等级与管控措施，带 ETag。", "A risk point's current assessment, level and measures, with its ETag.");
        Add("ReassessRiskPoint", "重新评估风险点", "Reassess a risk point",
            "重新评估；等级变化的历史保留在流中。须带 If-Match。", "Reassess; the level history stays in the stream. Give If-Match.");
        Add("GetRiskCard", "风险告知卡", "The risk notification card",
            "风险告知卡（PDF，中文，按等级着色），可打印张贴。", "The risk notification card as a PDF, in Chinese, in the level's colour, to print and post.",
            answer: Answer.File("application/pdf"));
        Add("ImportRiskPoints", "批量导入风险点", "Import risk points", "上传 .xlsx 逐行登记，错误行逐条报告。", "Upload an .xlsx and register it row by row; bad rows are reported.");
        Add("GetRiskPointImportTemplate", "下载风险点导入模板", "Download the risk point import template", "带中文表头的 .xlsx 模板。", "The .xlsx template with Chinese headers.",
            answer: Answer.File(Answer.Xlsx));
        Add("PublishRiskMap", "发布四色图", "Publish the four-colour map",
            "以一张平面图（证据 id）和风险点的位置（x、y 为图的 0..1）发布企业的四色风险分布图。须带 If-Match。",
            "Publish an enterprise's four-colour risk map: a floor plan (evidence id) and the risk points' places (x, y in 0..1 of the image). Give If-Match.");
        Add("GetRiskMap", "四色图", "The four-colour map", "企业的四色图，每个位置附风险点的当前等级与颜色。", "An enterprise's map, each placement with the risk point's current level and colour.");
        Add("ConfigurePatrolTask", "配置巡查任务", "Configure a patrol task",
            "为风险点配置巡查任务：巡查人、周期（每天、每周、每月若干次）与检查内容。", "Configure patrols of risk points: who, how often (per day, week or month) and what to check.");
        Add("SearchPatrolTasks", "查询巡查任务", "Search patrol tasks", "辖区内的巡查任务，分页。", "Patrol tasks in scope, paged.");
        Add("GetPatrolTask", "巡查任务详情", "A patrol task", "一个巡查任务。", "A patrol task.");
        Add("GetPatrolOccurrences", "巡查执行情况", "A patrol task's occurrences", "期间内每次应巡：已巡、未到期或漏巡。", "Each due patrol in a period: done, due or missed.");
        Add("RecordPatrol", "记录巡查", "Record a patrol",
            "记录一次巡查；每个异常项（ok: false）生成一条隐患（来源 RiskPatrol），答复给出其 id。", "Record a patrol; each item with ok: false raises one hazard (source RiskPatrol), whose ids the answer gives.",
            answer: Answer.Created<PatrolRecordCreated>());
        Add("SearchPatrols", "查询巡查记录", "Search patrols", "按风险点、企业、时间段查询巡查记录，分页。", "Patrol records by risk point, enterprise and period, paged.");
        Add("GetPatrol", "巡查记录详情", "A patrol record", "一次巡查的记录。", "One patrol record.");
        Add("SearchRiskReassessments", "待重新评估的风险点", "Risk re-assessments due", "其隐患已闭环、须重新评估剩余风险的风险点，mine=true 只看本人负责的，分页。",
            "Risk points whose hazards were closed and whose residual risk must be re-assessed; mine=true for your own, paged.");
    }
}
