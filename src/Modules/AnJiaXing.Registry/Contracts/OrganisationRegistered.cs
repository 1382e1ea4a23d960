
namespace AnJiaXing.Registry.Contracts;

/// <summary>A district, town or department joined the platform. Enterprises have their own stream and events.</summary>
public sealed record OrganisationRegistered(
    Guid OrganisationId,
    string Name,
    OrganisationKind Kind,
    Guid? ParentId,
    IReadOnlyList<IndustryDomain> Domains,
    Actor By);
