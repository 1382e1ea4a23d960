using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;

namespace AnJiaXing.Investigations;

/// <summary>
/// Gathers an investigation's findings from the other modules' published read models (hazards, inspection records,
/// enterprise files, organisations) and the event store, up to the investigation's cut-off sequence, and asks the
/// platform's ledger for each event's proof. Reads only.
/// </summary>
public sealed class InvestigationFindings(LedgerEvidence ledger, TimeProvider clock)
{
    /// <summary>More streams than this in one investigation: a narrower scope or period is asked for.</summary>
    public const int MaxRecords = 2000;

    /// <summary>Marten's name for RiskControl's PatrolMissed in the event store (its default: the type name in snake case).</summary>
    private const string PatrolMissedType = "patrol_missed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record Gathered(InvestigationReport Report, LedgerEvidenceSet Evidence);

    public async Task<Gathered> GatherAsync(IQuerySession session, Investigation investigation, bool seal, CancellationToken ct)
    {
        var (from, to, cutOff) = (investigation.From, investigation.To, investigation.CutOffSequence);
        var hazardQuery = session.Query<HazardView>().Where(h => h.ReportedAt <= to && h.LastActivityAt >= from);
        var inspectionQuery = session.Query<InspectionRecord>().Where(i => i.StartedAt >= from && i.StartedAt <= to);
        if (investigation.EnterpriseId is { } enterprise)
        {
            hazardQuery = hazardQuery.Where(h => h.EnterpriseId == enterprise);
            inspectionQuery = inspectionQuery.Where(i => i.EnterpriseId == enterprise);
        }
        else
        {
            var town = investigation.TownId!.Value;
            hazardQuery = hazardQuery.Where(h => h.TownId == town);
            inspectionQuery = inspectionQuery.Where(i => i.TownId == town);
        }
        var hazards = (await hazardQuery.OrderBy(h => h.ReportedAt).Take(MaxRecords + 1).ToListAsync(ct)).ToList();
        var inspections = (await inspectionQuery.OrderBy(i => i.StartedAt).Take(MaxRecords + 1).ToListAsync(ct)).ToList();
        if (hazards.Count + inspections.Count > MaxRecords)
            throw ApiProblemException.Validation("to", ProblemLanguage.Say($"调查范围内的记录超过 {MaxRecords} 条，请缩小范围或缩短期间。", $"More than {MaxRecords} records fall in this investigation; narrow the subject or shorten the period."));

        // The typed events of each record up to the cut-off (the hazard lifecycle folds them), and the ledger's proof of each.
        var events = new Dictionary<Guid, IReadOnlyList<IEvent>>();
        foreach (var id in hazards.Select(h => h.Id).Concat(inspections.Select(i => i.Id)))
            events[id] = (await session.Events.FetchStreamAsync(id, token: ct)).Where(e => e.Sequence <= cutOff).ToList();
        hazards.RemoveAll(h => events[h.Id].Count == 0);
        inspections.RemoveAll(i => events[i.Id].Count == 0);

        var streams = events.Where(e => e.Value.Count > 0).ToDictionary(e => e.Key, _ => cutOff);
        // The investigation's own record (who asked) goes into the proof too.
        streams[investigation.Id] = long.MaxValue;
        var evidence = await ledger.ExamineAsync(streams, seal: false, ct);
        if (seal)
        {
            foreach (var (stream, upTo) in await ledger.SigningKeyRegistrationsAsync(evidence.Events, ct)) streams.TryAdd(stream, upTo);
            evidence = await ledger.ExamineAsync(streams, seal: true, ct);
        }
        var proofs = evidence.Events.ToDictionary(e => e.Sequence);

        var enterpriseIds = hazards.Select(h => h.EnterpriseId).Concat(inspections.Select(i => i.EnterpriseId).OfType<Guid>()).Distinct().ToArray();
        var files = (await session.LoadManyAsync<EnterpriseFile>(ct, enterpriseIds)).ToDictionary(f => f.Id);
        var departments = (await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Department).ToListAsync(ct)).ToList();

        ResponsibleParties Responsible(Guid? enterpriseId, string enterpriseName, Guid townId, string townName, IEnumerable<IndustryDomain> domains)
        {
            var file = enterpriseId is { } e ? files.GetValueOrDefault(e) : null;
            var wanted = domains.ToHashSet();
            return new ResponsibleParties(enterpriseId, file?.Basic.Name ?? enterpriseName, file?.Basic.SafetyManager ?? file?.Basic.LegalRepresentative,
                townId, townName, departments.Where(d => d.Domains.Any(wanted.Contains)).Select(d => d.Name).Order(StringComparer.Ordinal).ToList());
        }

        InvestigationStep Step(IEvent e)
        {
            var proof = proofs.GetValueOrDefault(e.Sequence);
            var data = proof is null ? JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), Json) : JsonDocument.Parse(proof.Data).RootElement;
            var by = data.TryGetProperty("by", out var b) ? b.Deserialize<Actor>(Json) ?? Actor.System : Actor.System;
            var ledgerStanding = proof is null
                ? new StepLedger("", "", false, false, null, null, "broken", "账本中没有此事件的记录。")
                : new StepLedger(proof.Hash, proof.PreviousHash, proof.HashMatches, proof.ChainLinked, proof.LeafIndex, proof.InclusionVerified, proof.Status, proof.Problem);
            return new InvestigationStep(e.Sequence, e.Version, e.EventTypeName, StepLabels.Of(e.EventTypeName), e.Timestamp, by, StepLabels.Duty(by),
                Remarks(data), proof?.PersonalSignatureKeyId, proof?.PersonalSignatureKeyId is null ? null : proof.PersonalSignatureProblem is null,
                ledgerStanding);
        }

        var now = clock.GetUtcNow();
        var end = to < now ? to : now;
        var hazardFindings = hazards.Select(h =>
        {
            var stream = events[h.Id];
            var (status, level, deadline, overdue) = Walk(stream, end);
            var responsible = stream.Select(e => e.Data).OfType<RectificationAssigned>().LastOrDefault()?.ResponsibleName;
            var closedAt = stream.LastOrDefault(e => e.Data is HazardClosed)?.Timestamp;
            return new HazardFinding(h.Id, h.Description, h.Domain, level, status, h.Source, h.InspectionId, h.ReportedAt, responsible, deadline,
                HazardLifecycle.IsOverdue(status, deadline, end), (int)Math.Floor(overdue.TotalDays), stream.Count(e => e.Data is HazardEscalated), closedAt,
                Responsible(h.EnterpriseId, h.EnterpriseName, h.TownId, h.TownName, [h.Domain]), stream.Select(Step).ToList());
        }).ToList();

        var inspectionFindings = inspections.Select(i =>
        {
            var stream = events[i.Id];
            var submitted = stream.LastOrDefault(e => e.Data is InspectionSubmitted);
            // Items as recorded up to the cut-off (a code recorded again replaces its item, as in the record).
            var items = new List<InspectionItem>();
            foreach (var e in stream)
                if (e.Data is InspectionItemRecorded r) InspectionItems.Record(items, r, e.Timestamp);
            return new InspectionFinding(i.Id, i.Kind, submitted is null ? InspectionStatus.Draft : InspectionStatus.Submitted, i.ChecklistName, i.Inspector,
                i.StartedAt, submitted?.Timestamp,
                items.Select(x => new InspectionItemFinding(x.Code, x.Content, x.ItemCategory, x.Result, x.Notes, x.Level, x.LegalBasis)).ToList(),
                stream.Select(e => e.Data).OfType<InspectionHazardRaised>().Select(r => r.HazardId).ToList(),
                Responsible(i.EnterpriseId, i.EnterpriseName, i.TownId, i.TownName, i.Domains), stream.Select(Step).ToList());
        }).ToList();

        var steps = hazardFindings.SelectMany(h => h.Steps).Concat(inspectionFindings.SelectMany(i => i.Steps)).ToList();
        var summary = new InvestigationSummary(
            inspectionFindings.Count, inspectionFindings.Sum(i => i.Items.Count), inspectionFindings.Sum(i => i.Items.Count(x => x.Result == ItemResult.NonCompliant)),
            hazardFindings.Count, hazardFindings.Count(h => h.Level == HazardLevel.Major), hazardFindings.Count(h => h.Status == HazardStatus.Closed),
            hazardFindings.Count(h => h.OverdueDays > 0 || h.Overdue), hazardFindings.Sum(h => h.OverdueDays), hazardFindings.Sum(h => h.Escalations),
            steps.Count, steps.Count(s => s.PersonalSignatureKeyId is not null),
            steps.Count(s => s.Ledger.Status == "verified"), steps.Count(s => s.Ledger.Status == "unsealed"), steps.Count(s => s.Ledger.Status == "broken"));

        var head = evidence.Head is { LogRoot: not null } sealedHead
            ? new LedgerHeadStanding(sealedHead.Id, sealedHead.CoveredSequence, sealedHead.EventCount, sealedHead.LogRoot, sealedHead.CreatedAt, sealedHead.KeyId, evidence.HeadProblem is null, evidence.HeadProblem)
            : null;
        var scope = investigation.EnterpriseId is { } ent
            ? new InvestigationScope("Enterprise", ent, investigation.ScopeName)
            : new InvestigationScope("Town", investigation.TownId!.Value, investigation.ScopeName);
        var report = new InvestigationReport(investigation.Id, investigation.Version, investigation.Subject, scope, from, to, cutOff, investigation.OpenedAt,
            investigation.OpenedBy, summary, head, inspectionFindings, hazardFindings, investigation.Bundles,
            await MissedPatrolsAsync(session, investigation, ct));
        return new Gathered(report, evidence);
    }

    /// <summary>The scope's patrol windows that closed short within the period, as recorded up to the cut-off.</summary>
    private static async Task<IReadOnlyList<MissedPatrolFinding>> MissedPatrolsAsync(IQuerySession session, Investigation investigation, CancellationToken ct)
    {
        var facts = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == PatrolMissedType && e.Sequence <= investigation.CutOffSequence)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return [.. facts
            .Select(e => (e.Sequence, Missed: (PatrolMissed)e.Data))
            .Where(f => f.Missed.From < investigation.To && f.Missed.To > investigation.From)
            .Where(f => investigation.EnterpriseId is { } enterprise ? f.Missed.EnterpriseId == enterprise : f.Missed.TownId == investigation.TownId)
            .Take(MaxRecords)
            .Select(f => new MissedPatrolFinding(f.Missed.TaskId, f.Missed.TaskName, f.Missed.EnterpriseId, f.Missed.EnterpriseName, f.Missed.From, f.Missed.To,
                f.Missed.Required, f.Missed.Done, f.Missed.UnpatrolledRiskPointIds.Count, [.. f.Missed.Assignees.Select(a => a.Name)], f.Sequence))];
    }

    /// <summary>
    /// The hazard's status, level and deadline after its events, and how long it was overdue up to <paramref name="end"/>:
    /// the time its deadline had passed while it was Confirmed or Rectifying (overdue is derived, never stored).
    /// </summary>
    public static (HazardStatus Status, HazardLevel Level, DateTimeOffset? Deadline, TimeSpan Overdue) Walk(IReadOnlyList<IEvent> stream, DateTimeOffset end)
    {
        var reported = (HazardReported)stream[0].Data;
        var status = HazardLifecycle.InitialStatus(reported.Level);
        var level = reported.Level;
        DateTimeOffset? deadline = null;
        var overdue = TimeSpan.Zero;
        for (var i = 0; i < stream.Count; i++)
        {
            var data = stream[i].Data;
            if (i > 0)
            {
                status = HazardLifecycle.After(status, data);
                level = HazardLifecycle.LevelAfter(level, data);
                deadline = HazardLifecycle.DeadlineAfter(deadline, data);
            }
            var segmentEnd = i + 1 < stream.Count ? stream[i + 1].Timestamp : end;
            if (segmentEnd > end) segmentEnd = end;
            if (deadline is { } d && HazardLifecycle.OverdueStatuses.Contains(status))
            {
                var start = stream[i].Timestamp > d ? stream[i].Timestamp : d;
                if (segmentEnd > start) overdue += segmentEnd - start;
            }
        }
        return (status, level, deadline, overdue);
    }

    private static string? Remarks(JsonElement data)
    {
        foreach (var name in new[] { "reason", "remarks", "description", "measures", "notes" })
            if (data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text) return text;
        return null;
    }
}

/// <summary>What a step is called in Chinese, and in which duty of 三管三必须 its actor acted.</summary>
public static class StepLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["hazard_reported"] = "隐患上报",
        ["hazard_confirmed"] = "重大隐患确认",
        ["hazard_downgraded"] = "降为一般隐患",
        ["hazard_dismissed"] = "认定不属于隐患",
        ["hazard_escalated"] = "升级为重大隐患",
        ["hazard_withdrawn"] = "撤回",
        ["rectification_assigned"] = "下达整改",
        ["deadline_extended"] = "整改延期",
        ["rechecker_designated"] = "指定复查人",
        ["rectification_submitted"] = "提交整改",
        ["recheck_passed"] = "复查通过",
        ["recheck_failed"] = "复查不通过",
        ["closure_requested"] = "申请销号",
        ["closure_approved"] = "销号审核通过",
        ["closure_rejected"] = "销号审核驳回",
        ["hazard_closed"] = "销案",
        ["inspection_started"] = "开始检查",
        ["inspection_item_recorded"] = "记录检查项",
        ["inspection_submitted"] = "提交检查记录（签名）",
        ["inspection_hazard_raised"] = "检查发现隐患",
        ["inspection_recheck_recorded"] = "记录整改复查结果"
    };

    public static string Of(string eventType) => Labels.GetValueOrDefault(eventType, eventType);

    /// <summary>The duty the actor's role carries: the enterprise's own (主体责任), the town's (属地管理), the department's (行业监管).</summary>
    public static string Duty(Actor by) => by.Id == Guid.Empty ? "系统" : by.Role switch
    {
        Role.EnterpriseUser => "企业主体责任",
        Role.TownSupervisor => "属地管理责任",
        Role.ThirdPartyInspector => "属地委托第三方检查",
        Role.DepartmentOfficer => "行业监管责任",
        Role.DistrictAdmin => "区级综合监管",
        _ => "监督审计"
    };
}
