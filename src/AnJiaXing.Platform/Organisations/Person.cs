namespace AnJiaXing.Platform.Organisations;

/// <summary>
/// Part of the shared kernel: a person with an account (一人一账号) as every module may see them — who they are, their
/// role, their organisation and its town, whether they may act, and the public keys of their personal signatures.
/// The Registry module writes it from its account events (its PersonProjection); other modules only read it (the
/// responsible person of a rectification, a plan's inspectors, notice recipients, the principal of a request).
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    public Guid OrganisationId { get; set; }
    public string OrganisationName { get; set; } = "";
    public OrganisationKind OrganisationKind { get; set; }
    public Guid? TownId { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Changes whenever what a token vouches for changes (password reset, role change, disable): a token carries the
    /// stamp it was issued with and is refused once it differs, so those changes end every token at once.
    /// </summary>
    public long SecurityStamp { get; set; }

    /// <summary>Public keys registered for personal signatures; old keys stay, so old signatures still verify.</summary>
    public List<SigningKeyRef> SigningKeys { get; set; } = [];

    public long Version { get; set; }
}

public sealed record SigningKeyRef(string KeyId, string PublicKey, DateTimeOffset RegisteredAt);
