namespace AnJiaXing.Notices.Contracts;

/// <summary>
/// Whom a notice was addressed to, as the sender wrote it: organisations, roles and people. Organisations and roles
/// combine (the TownSupervisors of these towns); people are added to that. Resolved to <see cref="NoticeRecipient"/>s
/// when the notice is sent.
/// </summary>
public sealed record NoticeRecipients(IReadOnlyList<Guid>? OrganisationIds, IReadOnlyList<Role>? Roles, IReadOnlyList<Guid>? UserIds);

/// <summary>A person a notice reached, as they were when it was sent.</summary>
public sealed record NoticeRecipient(Guid UserId, string Name, Role Role, Guid OrganisationId, string OrganisationName);
