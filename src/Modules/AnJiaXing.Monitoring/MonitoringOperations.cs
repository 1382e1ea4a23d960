namespace AnJiaXing.Monitoring;

/// <summary>The words of the monitoring operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class MonitoringOperations : OperationTexts
{
    public MonitoringOperations() : base("监测预警", "Monitoring and early warning: equipment and certificates, major hazard sources, sensors and alarms")
    {
        Add("RegisterEquipment", "登记安全设备", "Register safety equipment", "登记一台安全设备及其检验、到期日期。", "Register a piece of safety equipment with its inspection and expiry dates.");
        Add("SearchEquipment", "查询安全设备", "Search equipment", "按企业、即将到期天数查询，分页。", "Equipment by enterprise and days to expiry, paged.");
        Add("ImportEquipment", "批量导入安全设备", "Import equipment", "上传 .xlsx 或 .csv 逐行登记，错误行逐条报告。", "Upload an .xlsx or .csv and register it row by row; bad rows are reported.");
        Add("GetEquipmentImportTemplate", "下载设备导入模板", "Download the equipment import template", "带中文表头的 .xlsx 模板。", "The .xlsx template with Chinese headers.",
            answer: Answer.File(Answer.Xlsx));
        Add("RegisterCertificate", "登记证书", "Register a certificate", "登记一张人员或企业证书及其有效期。", "Register a certificate with its validity.");
        Add("SearchCertificates", "查询证书", "Search certificates", "按企业、即将到期天数查询，分页。", "Certificates by enterprise and days to expiry, paged.");
        Add("GetExpiryWarnings", "到期预警", "Expiry warnings", "辖区内即将到期或已过期的设备与证书。", "Equipment and certificates in scope expiring or expired.");
        Add("RegisterMajorHazardSource", "登记重大危险源", "Register a major hazard source",
            "登记重大危险源：等级、危险物质及其临界量、监测点与阈值。", "Register a major hazard source: grade, substances with their critical quantities, monitoring points and thresholds.");
        Add("SearchMajorHazardSources", "查询重大危险源", "Search major hazard sources", "辖区内的重大危险源，分页。", "Major hazard sources in scope, paged.");
        Add("GetMajorHazardSource", "重大危险源详情", "A major hazard source", "一个重大危险源及其监测点。", "A major hazard source and its monitoring points.");
        Add("RegisterDevice", "登记监测设备", "Register a device",
            "登记传感器或视频设备；答复中的设备密钥只显示这一次。", "Register a sensor or camera; the device key in the answer is shown only once.",
            answer: Answer.Created<DeviceRegisteredResponse>());
        Add("SearchDevices", "查询监测设备", "Search devices", "辖区内的监测设备，分页。", "Devices in scope, paged.");
        Add("RevokeDeviceKey", "吊销设备密钥", "Revoke a device key", "吊销后该设备上报的读数一律 401。", "After revocation the device's readings are refused with 401.");
        Add("PostTelemetry", "上报监测读数", "Post telemetry",
            "设备以请求头 X-Device-Key 认证（不用用户令牌），一批读数 [{ point, value, at }]；越过阈值即开启报警。答 202。",
            "A device, authenticated by its X-Device-Key header (no user token), posts a batch [{ point, value, at }]; a crossed threshold opens an alarm. 202.",
            answer: Answer.Accepted<TelemetryAccepted>(), body: typeof(TelemetryReading[]), problems: [401, 415]);
        Add("GetReadings", "监测读数", "Readings of a monitoring point", "某监测点在时间段内的读数。", "A monitoring point's readings in a period.");
        Add("SearchAlarms", "查询报警", "Search alarms", "按状态（开启、已确认、已解除）与企业查询，分页。", "Alarms by status (Open, Acknowledged, Resolved) and enterprise, paged.");
        Add("GetAlarm", "报警详情", "An alarm", "一条报警。", "An alarm.");
        Add("AcknowledgeAlarm", "确认报警", "Acknowledge an alarm", "确认已知悉报警。", "Acknowledge an alarm.");
        Add("ResolveAlarm", "解除报警", "Resolve an alarm", "解除报警；同一监测点与阈值此后可再次报警。", "Resolve an alarm; the point and threshold may alarm again afterwards.");
        Add("ImportCertificates", "批量导入证书", "Import certificates", "上传 .xlsx 或 .csv 逐行登记证书；已登记的同类别同编号证书跳过，错误行逐条报告。",
            "Upload an .xlsx or .csv and register certificates row by row; ones already registered (same type and number) are skipped, bad rows reported.");
        Add("GetCertificateImportTemplate", "下载证书导入模板", "Download the certificate import template", "带中文表头的 .xlsx 模板。", "The .xlsx template with Chinese headers.",
            answer: Answer.File(Answer.Xlsx));
        Add("GetMonitoringFigures", "监测预警概况", "Monitoring figures", "辖区内未处理报警、即将到期的设备与证书、各级重大危险源数量。",
            "Open alarms, equipment and certificates expiring, and major hazard sources by grade, in scope.");
    }
}
