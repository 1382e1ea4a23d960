
namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// The basic data of an enterprise (一企一档 基本信息) as a command states it: registration, update and each import
/// row. One validator serves all three, so a row of a spreadsheet is held to the same rules as the API.
/// </summary>
public interface IEnterpriseData
{
    string Name { get; }
    string CreditCode { get; }
    string Address { get; }
    Guid TownId { get; }
    IReadOnlyList<IndustryDomain> Domains { get; }
    string? Scale { get; }
    string? LegalRepresentative { get; }
    string? SafetyManager { get; }
    string? ContactPhone { get; }
    double? Latitude { get; }
    double? Longitude { get; }
}
