namespace AnJiaXing.Inspections.Contracts;

/// <summary>知识库分类.</summary>
public enum KnowledgeCategory
{
    Regulation, // 法律法规
    Standard,   // 标准规范（含判定标准）
    Guidance,   // 指导文件
    Other       // 其他
}
