namespace AnJiaXing.Emergency;

/// <summary>The words of the emergency-management operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class EmergencyOperations : OperationTexts
{
    private const string Registers = "register 为 supplies（应急物资）、fire-stations（微型消防站）、teams（救援队伍）、experts（专家）、fire-facilities（消防设施）之一。";
    private const string RegistersEn = "register is one of supplies, fire-stations, teams, experts, fire-facilities.";

    public EmergencyOperations() : base("应急管理", "Emergency management: registers of resources, plans, drills, incidents and the map")
    {
        Add("RegisterEmergencyResource", "登记应急资源", "Register an emergency resource", "在登记簿中新增一项。" + Registers, "Add an entry to a register. " + RegistersEn);
        Add("SearchEmergencyResources", "查询应急资源", "Search a register",
            "辖区内按企业、镇街与关键字（名称、类别、位置、保管人）查询，分页。" + Registers, "Entries in scope by enterprise, town and keyword (name, category, location, keeper), paged. " + RegistersEn);
        Add("GetEmergencyResource", "应急资源详情", "An emergency resource", "登记簿中的一项，带 ETag。" + Registers, "One entry, with its ETag. " + RegistersEn);
        Add("GetEmergencyResourceHistory", "应急资源履历", "An emergency resource's history", "该项的每个事件及操作人。", "Every event of the entry, with who acted.");
        Add("UpdateEmergencyResource", "修改应急资源", "Update an emergency resource", "整体替换该项信息；须带 If-Match。", "Replace the entry's details; give If-Match.");
        Add("ImportEmergencyResources", "批量导入应急资源", "Import a register", "上传 .xlsx 逐行登记（物资、专家、消防设施）。", "Upload an .xlsx and register it row by row (supplies, experts, fire facilities).");
        Add("GetEmergencyImportTemplate", "下载应急资源导入模板", "Download a register's import template", "该登记簿带中文表头的 .xlsx 模板。", "The register's .xlsx template with Chinese headers.",
            answer: Answer.File(Answer.Xlsx));
        Add("AdoptEmergencyPlan", "发布应急预案", "Adopt an emergency plan", "发布预案（文件、版本、评审日期）。", "Adopt a plan (document, version, review date).");
        Add("SearchEmergencyPlans", "查询应急预案", "Search emergency plans", "辖区内的应急预案，分页。", "Emergency plans in scope, paged.");
        Add("GetEmergencyPlan", "应急预案详情", "An emergency plan", "预案及其各版本。", "A plan and its versions.");
        Add("ReviseEmergencyPlan", "修订应急预案", "Revise an emergency plan", "发布预案的新版本；须带 If-Match。", "Adopt a new version of the plan; give If-Match.");
        Add("RecordEmergencyPlanFiling", "登记预案备案", "Record a plan's filing", "登记预案已向主管部门备案。", "Record that the plan was filed with the authority.");
        Add("PlanDrill", "制定演练计划", "Plan a drill", "制定一次应急演练。", "Plan an emergency drill.");
        Add("RecordDrill", "记录演练", "Record a drill", "记录演练的实施情况与评估，可附 evidenceIds。", "Record how a drill went and its evaluation, with evidenceIds if any.");
        Add("SearchDrills", "查询演练", "Search drills", "辖区内的演练计划与记录，分页。", "Drills in scope, paged.");
        Add("GetDrill", "演练详情", "A drill", "一次演练。", "A drill.");
        Add("GetDrillCompletion", "演练完成情况", "Drill completion", "期间内计划演练的完成情况。", "How many planned drills were held in a period.");
        Add("ReportIncident", "上报突发事件", "Report an incident", "上报一起突发事件，可附 evidenceIds（先经 POST /api/evidence 上传），答 201。", "Report an incident, with evidenceIds uploaded first through POST /api/evidence; 201.");
        Add("UpdateIncident", "续报事件", "Update an incident", "续报事件进展，可附 evidenceIds；须带 If-Match。", "Add a progress update to an incident, with evidenceIds if any; give If-Match.");
        Add("CloseIncident", "结束事件", "Close an incident", "事件处置完毕。", "The incident is over.");
        Add("SearchIncidents", "查询事件", "Search incidents", "辖区内的突发事件，分页。", "Incidents in scope, paged.");
        Add("GetIncident", "事件详情", "An incident", "一起事件的当前状态。", "An incident's current state.");
        Add("GetIncidentHistory", "事件履历", "An incident's history", "事件的每次上报与续报。", "Every report and update of an incident.");
        Add("GetIncidentAlerts", "事件提醒", "Incident alerts", "需要关注的未结束事件。", "Open incidents that need attention.");
        Add("GetEmergencyMap", "应急资源地图", "The emergency map", "有坐标的应急资源与事件，GeoJSON FeatureCollection。", "Everything with coordinates as a GeoJSON FeatureCollection.");
    }
}
