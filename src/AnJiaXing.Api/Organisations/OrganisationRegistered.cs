using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Organisations;

/// <summary>A district, town or department joined the platform. Enterprises have their own stream and events.</summary>
public sealed record OrganisationRegistered(
    Guid OrganisationId,
    string Name,
    OrganisationKind Kind,
    Guid? ParentId,
    IReadOnlyList<IndustryDomain> Domains,
    Actor By);
