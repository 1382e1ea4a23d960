using System.Linq.Expressions;
using JasperFx.Events;

namespace AnJiaXing.WorkLedger.Entries;

/// <summary>A work-ledger record's state: the inline projection GET, the ledger, search and export read.</summary>
public sealed class WorkLedgerEntry
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public WorkLedgerKind Kind { get; set; }
    public Guid? TownId { get; set; }
    public string? TownName { get; set; }

    /// <summary>The special action's domains (the scope key departments are matched on); empty for the other kinds.</summary>
    public List<IndustryDomain> Domains { get; set; } = [];

    public WorkLedgerContent Content { get; set; } = null!;
    public DateTimeOffset At { get; set; }

    /// <summary>Lower-cased title, text, place, attendees and decisions: what <c>q</c> searches (trigram index).</summary>
    public string SearchText { get; set; } = "";

    public Actor RecordedBy { get; set; } = Actor.System;
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static WorkLedgerEntry Create(IEvent<WorkLedgerEntryRecorded> e)
    {
        var entry = new WorkLedgerEntry
        {
            Id = e.Data.EntryId, Kind = e.Data.Kind, TownId = e.Data.TownId, TownName = e.Data.TownName,
            RecordedBy = e.Data.By, RecordedAt = e.Timestamp
        };
        entry.Set(e.Data.Content, e.Timestamp);
        return entry;
    }

    public void Apply(IEvent<WorkLedgerEntryRevised> e) => Set(e.Data.Content, e.Timestamp);

    private void Set(WorkLedgerContent content, DateTimeOffset when)
    {
        Content = content;
        At = content.At;
        Domains = [.. content.Domains];
        SearchText = string.Join(' ', new[] { content.Title, content.Text, content.Place, content.Decisions }
            .Concat(content.Attendees).Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
        UpdatedAt = when;
    }
}

/// <summary>
/// Who reads and keeps the work ledger, as plain predicates. It is the supervisors' own record: enterprise users and
/// third-party inspectors have none. A record belongs to a town or (no town) to the district. Town staff read their
/// town's and the district's; departments, district admins and auditors read everything. Town supervisors keep their
/// town's records, departments the district's, district admins all; auditors only read.
/// </summary>
public static class WorkLedgerAccess
{
    public static bool MayUseLedger(Caller caller) => caller.Role is not (Role.EnterpriseUser or Role.ThirdPartyInspector);

    public static bool Sees(Caller caller, WorkLedgerEntry e) => MayUseLedger(caller) && caller.Scope.Constraint.Kind switch
    {
        ScopeKind.Everything or ScopeKind.Domains => true,
        ScopeKind.Town => e.TownId is null || e.TownId == caller.TownId,
        _ => false
    };

    public static bool MayKeep(Caller caller, Guid? townId) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.TownSupervisor => townId is { } t && t == caller.TownId,
        Role.DepartmentOfficer => townId is null,
        _ => false
    };

    /// <summary>
    /// The same rule as a query filter over the platform's scope filter: its town key, plus the district's records (no
    /// town) for town staff and everything for departments. Callers without a ledger are refused before (403).
    /// </summary>
    public static IQueryable<WorkLedgerEntry> InScope(this IQueryable<WorkLedgerEntry> query, Caller caller)
    {
        if (!MayUseLedger(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("工作台账仅供监管人员查阅。", "The work ledger is for supervising officials only."));
        Expression<Func<WorkLedgerEntry, bool>>? alsoVisible = caller.Scope.Constraint.Kind switch
        {
            ScopeKind.Town => e => e.TownId == null,
            ScopeKind.Domains => e => true,
            _ => null
        };
        // Enterprise scopes never reach here, so the enterprise key is never used; the town key is TownId.
        return query.InScope(caller.Scope.Constraint, nameof(WorkLedgerEntry.TownId), nameof(WorkLedgerEntry.TownId),
            domains: nameof(WorkLedgerEntry.Domains), alsoVisible: alsoVisible);
    }

    public static readonly CommandRules<WorkLedgerEntry> Keep = new(new Noun("工作台账记录", "Work ledger record"), Sees, (c, e) => MayKeep(c, e.TownId),
        e => ProblemLanguage.Say($"您的角色不能修改{e.TownName ?? "区级"}的工作台账。", $"Your role may not change the work ledger of {e.TownName ?? "the district"}."),
        e => new Dictionary<string, object?> { ["kind"] = e.Kind.ToString(), ["version"] = e.Version });
}
