namespace AnJiaXing.Investigations;

/// <summary>The words of the investigation operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class InvestigationsOperations : OperationTexts
{
    public InvestigationsOperations() : base("责任调查", "Accountability investigations: who checked, who signed, who is responsible, provably")
    {
        Add("OpenInvestigation", "发起责任调查", "Open an investigation",
            "对一家企业或一个镇街在期间内的全部检查与隐患立案：每一步的执行人、签名、账本校验、逾期天数、督办与责任方（三管三必须）。仅审计员与区管理员；调查本身记入账本。",
            "For an enterprise or a town and a period: every inspection and hazard step with its actor, signatures, ledger status, overdue days, escalations and responsible party. Auditors and district admins only; the investigation itself is recorded.");
        Add("GetInvestigation", "调查结果", "An investigation", "调查的全部结果（JSON）。", "The investigation's findings as JSON.");
        Add("GetInvestigationBundle", "下载证据包", "Download the evidence bundle",
            "zip：事件原文、哈希、对签名树头的 Merkle 包含证明、树头与公钥、说明；可离线用 ledger verify-bundle 或 scripts/verify_bundle.py 校验。",
            "A zip of the events as hashed, their Merkle inclusion proofs against a signed head, the head, the public key and a README; verify offline with ledger verify-bundle or scripts/verify_bundle.py.",
            answer: Answer.File("application/zip"));
    }
}
