using System.Text.Json;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// One built-in checklist as shipped in <c>Checklists/BuiltIn/*.json</c> (embedded in the assembly): its current edition.
/// <paramref name="Note"/> says what this edition changed; a deployment holding an earlier one receives it as a new version.
/// </summary>
public sealed record BuiltInChecklist(string Key, string Name, ChecklistKind Kind, IndustryDomain Domain, IReadOnlyList<ChecklistItem> Items,
    string? Note = null)
{
    /// <summary>The same id in every deployment, so the publisher finds it again.</summary>
    public Guid Id => StableId.For("checklist:" + Key);
}

public static class BuiltInChecklists
{
    public const string ResourcePrefix = "checklists/";

    public static IReadOnlyList<BuiltInChecklist> Load()
    {
        var json = new JsonSerializerOptions();
        PlatformSetup.ConfigureJson(json);
        var assembly = typeof(BuiltInChecklists).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<BuiltInChecklist>(stream, json)
                       ?? throw new InvalidOperationException($"Built-in checklist resource '{n}' is empty.");
            })
            .ToList();
    }
}
