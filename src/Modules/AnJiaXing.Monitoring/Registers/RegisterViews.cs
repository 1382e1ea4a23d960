namespace AnJiaXing.Monitoring.Registers;

/// <summary>One piece of safety equipment in the register (inline projection).</summary>
public sealed class EquipmentView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Code { get; set; }
    public string? Location { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public int RemindDaysBefore { get; set; }

    public static EquipmentView Create(EquipmentRegistered e) => new()
    {
        Id = e.EquipmentId, EnterpriseId = e.EnterpriseId, EnterpriseName = e.EnterpriseName, TownId = e.TownId, Domains = [.. e.Domains],
        Name = e.Name, Kind = e.Kind, Code = e.Code, Location = e.Location, InspectedOn = e.InspectedOn, ExpiresOn = e.ExpiresOn,
        RemindDaysBefore = e.RemindDaysBefore
    };
}

/// <summary>One certificate in the register (inline projection).</summary>
public sealed class CertificateView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string HolderName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly? IssuedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }

    public static CertificateView Create(CertificateRegistered e) => new()
    {
        Id = e.CertificateId, EnterpriseId = e.EnterpriseId, EnterpriseName = e.EnterpriseName, TownId = e.TownId, Domains = [.. e.Domains],
        HolderName = e.HolderName, Kind = e.Kind, Number = e.Number, IssuedOn = e.IssuedOn, ExpiresOn = e.ExpiresOn
    };
}

public enum ExpiryKind
{
    Equipment,
    Certificate
}

/// <summary>An item of <c>GET /api/expiry-warnings</c>: equipment or a certificate expiring within the window, or expired.</summary>
public sealed record ExpiryWarning(
    ExpiryKind Kind, Guid Id, Guid EnterpriseId, string EnterpriseName, string Name, string? Number, DateOnly ExpiresOn, int DaysLeft, bool Expired);
