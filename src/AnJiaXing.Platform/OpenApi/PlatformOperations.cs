namespace AnJiaXing.Platform.OpenApi;

/// <summary>The words of the platform's own operations (audit, evidence, the ledger).</summary>
internal sealed class PlatformOperations : OperationTexts
{
    public PlatformOperations() : base("平台", "The platform's own services")
    {
        Area("Audit", "审计与问责", "Audit and accountability: signed events across all streams, and what one person did");
        Area("Evidence", "证据文件", "Evidence: photos and documents, stored once by content and shown only to those who see what they belong to");
        Area("Ledger", "防篡改台账", "The tamper-evident ledger: hash chains, signed Merkle digests and their verification");

        Add("QueryAuditEvents", "查询审计事件", "Query audit events",
            "跨所有台账流的已签名事件，最新在前；每项同 /history，另有 streamId 与 streamType（按领域命名，如 hazard）。仅审计员与区级管理员可查。",
            "Signed events across all streams, newest first; each item as in /history plus streamId and streamType (domain names such as hazard). Auditors and district admins only.");
        Add("GetActorSummary", "个人履职汇总", "What one person did",
            "某人在期间内检查、签名、关闭了什么，供问责调查。",
            "What one person checked, signed and closed in a period, for accountability.");
        Add("UploadEvidence", "上传证据", "Upload evidence",
            "以 multipart/form-data 上传一张照片或一份文件（字段 file），按内容判定类型（JPEG、PNG、PDF）；答其 id 与 SHA-256，供隐患、检查等引用。",
            "Upload a photo or document as multipart/form-data (field file), typed by its content (JPEG, PNG, PDF); answers its id and SHA-256 for hazards, inspections and others to reference.",
            answer: Answer.Created<EvidenceUploaded>());
        Add("GetEvidence", "下载证据", "Download evidence",
            "原样返回所存文件（带 ETag）；只有能看到其所属对象的人可下载。",
            "The stored file as uploaded (with an ETag); only those who see what it belongs to may fetch it.",
            answer: Answer.File("application/octet-stream"));
        Add("GetLedgerDigest", "当前台账摘要", "The current ledger digest",
            "最近一次签名的台账摘要（Merkle 树根、事件数与签名），可离线校验。",
            "The latest signed ledger digest (Merkle root, event count, signature), verifiable offline.");
        Add("GetDistrictLedgerHead", "区级账本头", "The district head of the ledger",
            "区数据库与各镇独立数据库最近一次签名摘要的 Merkle 根，以区级密钥签名；仅在各镇设有独立数据库时签发。",
            "The Merkle root over the latest signed head of the district's database and of each town's own, signed with the district key; sealed only when towns have databases of their own.");
        Add("SealLedgerDigest", "立即签发台账摘要", "Seal a ledger digest now",
            "立即对当前台账签发一个新摘要（平时按计划自动签发）。",
            "Seal a new digest of the ledger now (otherwise sealed on a schedule).");
        Add("VerifyLedger", "校验台账", "Verify the ledger",
            "重算哈希链（一个流或全部）并核对签名摘要，答 ok、检查数与第一处断裂。",
            "Recompute the hash chains (one stream or all) and check them against the signed digests: ok, counts and the first break.");
    }
}
