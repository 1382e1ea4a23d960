namespace AnJiaXing.Emergency.Contracts;

/// <summary>
/// The emergency registers (应急资源台账) one mechanism serves: each entry is an event stream of its own, owned by an
/// enterprise, a town or the district. The route segment of each is fixed by api.md.
/// </summary>
public enum EmergencyRegister
{
    Supplies,        // 应急物资
    FireStations,    // 微型消防站
    Teams,           // 应急队伍
    Experts,         // 应急专家
    FireFacilities   // 消防设施
}

/// <summary>Who an emergency record belongs to: an enterprise (and so its town), a town, or the district (neither).</summary>
public sealed record EmergencyOwner(
    Guid? EnterpriseId,
    string? EnterpriseName,
    Guid? TownId,
    string? TownName,
    IReadOnlyList<IndustryDomain> Domains)
{
    public static readonly EmergencyOwner District = new(null, null, null, null, []);
}

/// <summary>
/// What an entry of a register records. The common fields come first; the others belong to some registers only
/// (which ones are required per register: <c>RegisterRules</c>): supplies (quantity, unit, keeper, expiry), fire
/// stations (members, equipment, on-duty phone), teams (members, leader, phone, speciality), experts (speciality,
/// work unit, phone), fire facilities (last inspection).
/// </summary>
public sealed record EmergencyResourceDetails(
    string Name,
    string? Category,
    string? Location,
    double? Latitude,
    double? Longitude,
    decimal? Quantity,
    string? Unit,
    string? Keeper,
    DateOnly? ExpiresOn,
    int? Members,
    string? Equipment,
    string? Leader,
    string? Phone,
    string? Speciality,
    string? WorkUnit,
    DateOnly? LastInspectedOn,
    string? Remarks);

/// <summary>An entry was added to an emergency register.</summary>
public sealed record EmergencyResourceRegistered(
    Guid ResourceId,
    EmergencyRegister Register,
    EmergencyOwner Owner,
    EmergencyResourceDetails Details,
    Actor By) : IEmergencyEvent;

/// <summary>An entry's details were replaced (its owner never changes).</summary>
public sealed record EmergencyResourceUpdated(
    Guid ResourceId,
    EmergencyRegister Register,
    EmergencyResourceDetails Details,
    Actor By) : IEmergencyEvent;

/// <summary>Every event of the emergency module names the acting person.</summary>
public interface IEmergencyEvent
{
    Actor By { get; }
}
