using JasperFx.Events;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// A checklist stream's state: the inline snapshot is the read model of the current version, and aggregating the
/// stream to version n gives version n exactly as it was (an inspection pins that number). The decision methods
/// return the events a command produces, or refuse; they never change state themselves.
/// </summary>
public sealed class Checklist
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public ChecklistKind Kind { get; set; }
    public IndustryDomain? Domain { get; set; }
    public Guid? OwnerOrganisationId { get; set; }
    public string? OwnerOrganisationName { get; set; }
    public string? BuiltInKey { get; set; }
    public List<ChecklistItem> Items { get; set; } = [];
    public bool Retired { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Version { get; set; }

    public static Checklist Create(IEvent<ChecklistPublished> e) => new()
    {
        Id = e.Data.ChecklistId,
        Name = e.Data.Name,
        Kind = e.Data.Kind,
        Domain = e.Data.Domain,
        OwnerOrganisationId = e.Data.OwnerOrganisationId,
        OwnerOrganisationName = e.Data.OwnerOrganisationName,
        BuiltInKey = e.Data.BuiltInKey,
        Items = [.. e.Data.Items],
        PublishedAt = e.Timestamp,
        UpdatedAt = e.Timestamp,
        UpdatedBy = e.Data.By.Name
    };

    public void Apply(IEvent<ChecklistRevised> e)
    {
        Name = e.Data.Name;
        Items = [.. e.Data.Items];
        UpdatedAt = e.Timestamp;
        UpdatedBy = e.Data.By.Name;
    }

    public void Apply(IEvent<ChecklistRetired> e)
    {
        Retired = true;
        UpdatedAt = e.Timestamp;
        UpdatedBy = e.Data.By.Name;
    }

    public ChecklistItem? FindItem(string code) =>
        Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Version 1 of a checklist. A custom checklist belongs to the organisation of the person who builds it; industry
    /// and recommended ones belong to the district and need a domain.
    /// </summary>
    public static ChecklistPublished Publish(
        Guid id, string name, ChecklistKind kind, IndustryDomain? domain, IEnumerable<ChecklistItem> items,
        Actor by, string? builtInKey = null)
    {
        if (kind != ChecklistKind.Custom && domain is null)
            throw ApiProblemException.Validation("domain", ProblemLanguage.Say($"{kind} 检查表须指定行业领域。", $"A {kind} checklist needs an industry domain."));
        var custom = kind == ChecklistKind.Custom;
        RequireLegalBasis(kind, items);
        return new ChecklistPublished(id, name.Trim(), kind, domain,
            custom ? by.OrganisationId : null, custom ? by.OrganisationName : null, builtInKey, Normalise(items), by);
    }

    /// <summary>A new version with the given content, or null when the content is what it already is (a repeated PUT changes nothing).</summary>
    public ChecklistRevised? Revise(string name, IEnumerable<ChecklistItem> items, string? note, Actor by)
    {
        if (Retired) throw ApiProblemException.Conflict(ProblemLanguage.Say($"检查表“{Name}”已停用，不能再编辑。", $"Checklist '{Name}' is retired and can no longer be edited."), State);
        RequireLegalBasis(Kind, items);
        var revisedItems = Normalise(items);
        var revisedName = name.Trim();
        if (revisedName == Name && revisedItems.SequenceEqual(Items)) return null;
        return new ChecklistRevised(Id, revisedName, revisedItems, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), by);
    }

    public ChecklistRetired Retire(string? reason, Actor by)
    {
        if (Retired) throw ApiProblemException.Conflict(ProblemLanguage.Say($"检查表“{Name}”已经停用。", $"Checklist '{Name}' is already retired."), State);
        return new ChecklistRetired(Id, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), by);
    }

    /// <summary>Industry and recommended checklists speak for the district, so each item must say which rule it enforces.</summary>
    private static void RequireLegalBasis(ChecklistKind kind, IEnumerable<ChecklistItem> items)
    {
        if (kind == ChecklistKind.Custom) return;
        var missing = items.Where(i => string.IsNullOrWhiteSpace(i.LegalBasis)).Select(i => i.Code).ToList();
        if (missing.Count > 0)
            throw ApiProblemException.Validation("items", ProblemLanguage.Say($"{kind} 检查表的每个检查项都须有法律依据；缺少依据的检查项：{string.Join("、", missing)}。", $"Every item of a {kind} checklist needs a legal basis; missing for {string.Join(", ", missing)}."));
    }

    private static List<ChecklistItem> Normalise(IEnumerable<ChecklistItem> items) =>
        items.Select(i => new ChecklistItem(i.Code.Trim(), i.Category.Trim(), i.Content.Trim(), (i.LegalBasis ?? "").Trim(), i.SuggestedLevel,
                string.IsNullOrWhiteSpace(i.Finding) ? null : i.Finding.Trim()))
            .ToList();

    private Dictionary<string, object?> State => new() { ["retired"] = Retired, ["version"] = Version };
}
