namespace AnJiaXing.Monitoring.Contracts;

/// <summary>Safety equipment (安全设备) was entered in an enterprise's register, with its expiry (检验有效期) and reminder lead.</summary>
public sealed record EquipmentRegistered(
    Guid EquipmentId,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    string Name,
    string Kind,
    string? Code,
    string? Location,
    DateOnly? InspectedOn,
    DateOnly ExpiresOn,
    int RemindDaysBefore,
    Actor By);

/// <summary>A certificate (证书: 特种作业操作证, 安全生产许可证 …) was entered in an enterprise's register, with its expiry.</summary>
public sealed record CertificateRegistered(
    Guid CertificateId,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    string HolderName,
    string Kind,
    string Number,
    DateOnly? IssuedOn,
    DateOnly ExpiresOn,
    Actor By);
