using Marten;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// Reading a checklist as it is now or as it was at a version. Inspections pin (id, version) when they start and
/// read the pinned version here, so later edits never change an inspection already under way.
/// </summary>
public static class ChecklistVersions
{
    public static async Task<Checklist> LoadAsync(IQuerySession session, Guid id, int? version, CancellationToken ct)
    {
        var current = await session.LoadAsync<Checklist>(id, ct) ?? throw ApiProblemException.NotFound(ChecklistAccess.Name, id);
        if (version is null || version == current.Version) return current;
        if (version < 1) throw ApiProblemException.Validation("version", ProblemLanguage.Say("version 须不小于 1。", "version must be 1 or more."));
        if (version > current.Version)
            throw ApiProblemException.NotFound("检查表版本", "Checklist version", $"{id} v{version}");
        return await session.Events.AggregateStreamAsync<Checklist>(id, version: version.Value, token: ct)
               ?? throw ApiProblemException.NotFound("检查表版本", "Checklist version", $"{id} v{version}");
    }
}
