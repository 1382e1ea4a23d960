using JasperFx.Events;

namespace AnJiaXing.Emergency.Registers;

/// <summary>
/// An entry of an emergency register (物资, 微型消防站, 队伍, 专家, 消防设施): the inline projection GET and search read,
/// and the state updates are decided against. Folding only here; decisions in <see cref="EmergencyResources"/>.
/// </summary>
public sealed class EmergencyResourceView : IOwnedRecord
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public EmergencyRegister Register { get; set; }

    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid? TownId { get; set; }
    public string? TownName { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];

    public EmergencyResourceDetails Details { get; set; } = null!;

    /// <summary>Lower-cased name, category, location, keeper, speciality and work unit: what <c>q</c> searches (trigram index).</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
    public Actor RegisteredBy { get; set; } = Actor.System;
    public DateTimeOffset UpdatedAt { get; set; }

    public static EmergencyResourceView Create(IEvent<EmergencyResourceRegistered> e) => new()
    {
        Id = e.Data.ResourceId,
        Register = e.Data.Register,
        EnterpriseId = e.Data.Owner.EnterpriseId,
        EnterpriseName = e.Data.Owner.EnterpriseName,
        TownId = e.Data.Owner.TownId,
        TownName = e.Data.Owner.TownName,
        Domains = [.. e.Data.Owner.Domains],
        Details = e.Data.Details,
        SearchText = SearchTextOf(e.Data.Details),
        RegisteredAt = e.Timestamp,
        RegisteredBy = e.Data.By,
        UpdatedAt = e.Timestamp
    };

    public void Apply(IEvent<EmergencyResourceUpdated> e)
    {
        Details = e.Data.Details;
        SearchText = SearchTextOf(e.Data.Details);
        UpdatedAt = e.Timestamp;
    }

    public static string SearchTextOf(EmergencyResourceDetails d) =>
        string.Join(' ', new[] { d.Name, d.Category, d.Location, d.Keeper, d.Speciality, d.WorkUnit, d.Leader }
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}
