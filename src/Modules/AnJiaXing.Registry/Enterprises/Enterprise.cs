using JasperFx.Events;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// An enterprise stream's state: the aggregate that decides registry commands, kept inline as the registry's
/// read model (search and GET read it; the unique index on <see cref="CreditCode"/> is the final duplicate guard).
/// Decision methods return events or refuse; they never change state themselves.
/// </summary>
public sealed class Enterprise
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Normalised (upper-case) 统一社会信用代码; unique.</summary>
    public string CreditCode { get; set; } = "";

    public string Address { get; set; } = "";
    public Guid TownId { get; set; }
    public string TownName { get; set; } = "";
    public List<IndustryDomain> Domains { get; set; } = [];
    public string? Scale { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? SafetyManager { get; set; }
    public string? ContactPhone { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>False once disabled: its users get no tokens and no new hazards may be reported against it.</summary>
    public bool Enabled { get; set; } = true;

    public string? DisabledReason { get; set; }
    public int AccountCount { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Lower-cased name and credit code: what <c>q</c> searches, behind a trigram index.</summary>
    public string SearchText { get; set; } = "";

    public static Enterprise Create(IEvent<EnterpriseRegistered> e)
    {
        var d = e.Data;
        var enterprise = new Enterprise { Id = d.EnterpriseId, RegisteredAt = e.Timestamp, UpdatedAt = e.Timestamp };
        enterprise.Set(d.Name, d.CreditCode, d.Address, d.TownId, d.TownName, d.Domains, d.Scale, d.LegalRepresentative,
            d.SafetyManager, d.ContactPhone, d.Latitude, d.Longitude);
        return enterprise;
    }

    public void Apply(IEvent<EnterpriseUpdated> e)
    {
        var d = e.Data;
        Set(d.Name, d.CreditCode, d.Address, d.TownId, d.TownName, d.Domains, d.Scale, d.LegalRepresentative,
            d.SafetyManager, d.ContactPhone, d.Latitude, d.Longitude);
        UpdatedAt = e.Timestamp;
    }

    public void Apply(EnterpriseDisabled e)
    {
        Enabled = false;
        DisabledReason = e.Reason;
    }

    public void Apply(EnterpriseEnabled _)
    {
        Enabled = true;
        DisabledReason = null;
    }

    public void Apply(EnterpriseAccountGranted _) => AccountCount++;

    public static string SearchTextOf(string name, string creditCode) => $"{name} {creditCode}".ToLowerInvariant();

    private void Set(string name, string creditCode, string address, Guid townId, string townName, IEnumerable<IndustryDomain> domains,
        string? scale, string? legalRepresentative, string? safetyManager, string? contactPhone, double? latitude, double? longitude)
    {
        Name = name;
        CreditCode = creditCode;
        Address = address;
        TownId = townId;
        TownName = townName;
        Domains = [.. domains];
        Scale = scale;
        LegalRepresentative = legalRepresentative;
        SafetyManager = safetyManager;
        ContactPhone = contactPhone;
        Latitude = latitude;
        Longitude = longitude;
        SearchText = SearchTextOf(name, creditCode);
    }

    // ---- decisions ----

    public static EnterpriseRegistered Register(Guid id, IEnterpriseData data, Organisation town, Actor by)
    {
        RequireTown(town, data.TownId);
        return new EnterpriseRegistered(id, Clean(data.Name)!, Enterprises.CreditCode.Normalise(data.CreditCode), Clean(data.Address)!,
            town.Id, town.Name, [.. data.Domains.Distinct()], Clean(data.Scale), Clean(data.LegalRepresentative),
            Clean(data.SafetyManager), Clean(data.ContactPhone), data.Latitude, data.Longitude, by);
    }

    /// <summary>The replacement of the basic data, or null when the data is already exactly this (PUT is idempotent).</summary>
    public EnterpriseUpdated? Update(IEnterpriseData data, Organisation town, Actor by)
    {
        RequireTown(town, data.TownId);
        var updated = new EnterpriseUpdated(Id, Clean(data.Name)!, Enterprises.CreditCode.Normalise(data.CreditCode), Clean(data.Address)!,
            town.Id, town.Name, [.. data.Domains.Distinct()], Clean(data.Scale), Clean(data.LegalRepresentative),
            Clean(data.SafetyManager), Clean(data.ContactPhone), data.Latitude, data.Longitude, by);
        var unchanged = updated.Name == Name && updated.CreditCode == CreditCode && updated.Address == Address
                        && updated.TownId == TownId && updated.Domains.SequenceEqual(Domains) && updated.Scale == Scale
                        && updated.LegalRepresentative == LegalRepresentative && updated.SafetyManager == SafetyManager
                        && updated.ContactPhone == ContactPhone && updated.Latitude == Latitude && updated.Longitude == Longitude;
        return unchanged ? null : updated;
    }

    public EnterpriseDisabled Disable(string? reason, Actor by)
    {
        if (!Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{Name}”已经停用。", $"'{Name}' is already disabled."), State);
        return new EnterpriseDisabled(Id, Clean(reason), by);
    }

    public EnterpriseEnabled Enable(Actor by)
    {
        if (Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{Name}”已经启用。", $"'{Name}' is already enabled."), State);
        return new EnterpriseEnabled(Id, by);
    }

    public EnterpriseAccountGranted GrantAccount(Guid accountId, string username, string displayName, Actor by)
    {
        if (!Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{Name}”已停用，请先启用再开通账号。", $"'{Name}' is disabled; enable it before granting accounts."), State);
        return new EnterpriseAccountGranted(Id, accountId, username, displayName, by);
    }

    /// <summary>For features that report against an enterprise (hazards): a disabled enterprise takes nothing new (409).</summary>
    public void EnsureAcceptsNewWork()
    {
        if (!Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{Name}”已停用，不能再上报其新的事项。", $"'{Name}' is disabled; nothing new can be reported against it."), State);
    }

    private static void RequireTown(Organisation town, Guid requested)
    {
        if (town.Id != requested || town.Kind != OrganisationKind.Town)
            throw ApiProblemException.Validation("townId", ProblemLanguage.Say($"“{town.Name}”不是街镇。", $"'{town.Name}' is not a town."));
        if (!town.Enabled) throw ApiProblemException.Validation("townId", ProblemLanguage.Say($"街镇“{town.Name}”已停用。", $"'{town.Name}' is disabled."));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Dictionary<string, object?> State => new() { ["enabled"] = Enabled, ["version"] = Version };
}
