using Marten;

namespace AnJiaXing.Platform.Evidence;

/// <summary>Who may read or attach evidence, and how a record takes evidence into use.</summary>
public static class EvidenceAccess
{
    public static bool MayRead(Caller caller, EvidenceFile evidence) =>
        evidence.UploadedBy.Id == caller.UserId
        || evidence.UsedBy.Any(u => caller.Scope.CoversEnterprise(u.EnterpriseId, u.TownId, [u.Domain]));

    /// <summary>
    /// Resolves evidence ids given in a command into references and records their use by the hazard (same unit of
    /// work). Unknown ids, or evidence the caller may not see, are a 400 on <paramref name="field"/> (the body's name
    /// for the ids: <c>evidenceIds</c>, or e.g. <c>attachmentIds</c>, <c>documentId</c>).
    /// </summary>
    public static async Task<IReadOnlyList<EvidenceRef>> TakeIntoUseAsync(
        this IDocumentSession session, IReadOnlyCollection<Guid>? ids, Caller caller, EvidenceUse use, CancellationToken ct,
        string field = "evidenceIds")
    {
        if (ids is null || ids.Count == 0) return [];
        var distinct = ids.Distinct().ToArray();
        var found = (await session.LoadManyAsync<EvidenceFile>(ct, distinct)).ToDictionary(e => e.Id);
        var fromDistrict = new List<Guid>();
        if (!Tenancy.TownDatabases.IsDistrict(session.Database) && distinct.Any(id => !found.ContainsKey(id)))
        {
            // A district or department user's upload is in the district database; the town's record keeps a copy of its
            // metadata, recording the use in the same commit (the content stays in the district's, by its hash).
            await using var district = session.DocumentStore.QuerySession();
            foreach (var evidence in await district.LoadManyAsync<EvidenceFile>(ct, distinct.Where(id => !found.ContainsKey(id)).ToArray()))
            {
                found[evidence.Id] = evidence;
                fromDistrict.Add(evidence.Id);
            }
        }
        var missing = distinct.Where(id => !found.TryGetValue(id, out var e) || !MayRead(caller, e)).ToArray();
        if (missing.Length > 0)
            throw ApiProblemException.Validation(field, ProblemLanguage.Say($"以下证据不存在：{string.Join("、", missing)}。请先用 POST /api/evidence 上传。", $"Unknown evidence: {string.Join(", ", missing)}. Upload it first with POST /api/evidence."));

        var refs = new List<EvidenceRef>();
        foreach (var id in distinct)
        {
            var evidence = found[id];
            if (!evidence.UsedBy.Contains(use)) evidence.UsedBy.Add(use);
            session.Store(evidence);
            refs.Add(evidence.Ref);
        }
        // A town's own uploads had their home written when uploaded; the copies of the district's now live in the town
        // with their use, and the district's readers of the record must find them there.
        if (fromDistrict.Count > 0) await Tenancy.DistrictHomes.WriteAheadAsync(session, fromDistrict, ct);
        return refs;
    }
}
