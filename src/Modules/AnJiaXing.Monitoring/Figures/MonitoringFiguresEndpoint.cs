using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Figures;

/// <summary>Answers <see cref="CountMonitoringFigures"/> from the module's own read models.</summary>
public static class CountMonitoringFiguresHandler
{
    public static async Task<MonitoringFigures> Handle(CountMonitoringFigures question, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var scope = question.Scope;
        var today = RegisterEndpoints.Today(clock);
        var soon = today.AddDays(question.WithinDays);

        var alarms = session.Query<AlarmView>().InScope(scope, nameof(AlarmView.EnterpriseId), nameof(AlarmView.TownId), domains: nameof(AlarmView.Domains))
            .Where(a => a.Status != AlarmStatus.Resolved);
        var equipment = session.Query<EquipmentView>().InScope(scope,
            nameof(EquipmentView.EnterpriseId), nameof(EquipmentView.TownId), domains: nameof(EquipmentView.Domains));
        var certificates = session.Query<CertificateView>().InScope(scope,
            nameof(CertificateView.EnterpriseId), nameof(CertificateView.TownId), domains: nameof(CertificateView.Domains));
        var sources = session.Query<MajorHazardSourceView>().InScope(scope,
            nameof(MajorHazardSourceView.EnterpriseId), nameof(MajorHazardSourceView.TownId), domains: nameof(MajorHazardSourceView.Domains));
        if (question.TownId is { } t)
        {
            alarms = alarms.Where(a => a.TownId == t);
            equipment = equipment.Where(e => e.TownId == t);
            certificates = certificates.Where(c => c.TownId == t);
            sources = sources.Where(s => s.TownId == t);
        }
        if (question.EnterpriseId is { } e)
        {
            alarms = alarms.Where(a => a.EnterpriseId == e);
            equipment = equipment.Where(x => x.EnterpriseId == e);
            certificates = certificates.Where(c => c.EnterpriseId == e);
            sources = sources.Where(s => s.EnterpriseId == e);
        }

        // Narrow columns only: the figures are counts, never the documents.
        var open = await alarms.Select(a => new { a.Level, a.Status }).ToListAsync(ct);
        var equipmentDates = await equipment.Select(x => x.ExpiresOn).ToListAsync(ct);
        var certificateDates = await certificates.Select(x => x.ExpiresOn).ToListAsync(ct);
        var grades = await sources.Select(s => s.Grade).ToListAsync(ct);

        ExpiryFigures Expiry(IReadOnlyList<DateOnly> dates) =>
            new(dates.Count, dates.Count(d => d < today), dates.Count(d => d >= today && d <= soon));
        return new MonitoringFigures(
            open.Count, open.Count(a => a.Status == AlarmStatus.Open),
            Enum.GetValues<ThresholdLevel>().ToDictionary(l => l, l => open.Count(a => a.Level == l)),
            Expiry(equipmentDates), Expiry(certificateDates),
            grades.Count, Enumerable.Range(1, 4).ToDictionary(g => g, g => grades.Count(x => x == g)),
            question.WithinDays, today);
    }
}

public static class MonitoringFiguresEndpoint
{
    /// <summary>
    /// The monitoring figures of the caller's scope (the dashboard's 监测预警 panel): a town's staff their town, a
    /// department its domains, the district everything; <c>townId</c> narrows a district-wide or department caller to a
    /// town (town staff may name only their own; an enterprise none). <c>within</c>: the expiry window in days (default 30).
    /// </summary>
    [Authorize]
    [WolverineGet("/api/monitoring/figures", OperationId = "GetMonitoringFigures")]
    public static async Task<MonitoringFigures> Get(Guid? townId, int? within, ClaimsPrincipal user, IQuerySession session, IMessageBus bus,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        var days = within ?? 30;
        if (days is < 0 or > 3650) throw ApiProblemException.Validation("within", ProblemLanguage.Say("within 为 0 至 3650 天", "within is 0 to 3650 days"));
        if (townId is { } t)
        {
            if (caller.Role == Role.EnterpriseUser) throw ApiProblemException.Forbidden(ProblemLanguage.Say("企业用户只能查看本企业的数据，不能选择镇街。", "An enterprise user sees only the enterprise's own data and cannot choose a town."));
            if (caller.Scope.Constraint is { Kind: ScopeKind.Town, Id: var own } && own != t)
                throw ApiProblemException.Forbidden(ProblemLanguage.Say("镇街人员只能查看本镇街的数据。", "Town staff see only their own town's data."));
            var town = await session.LoadAsync<Organisation>(t, ct);
            if (town is not { Kind: OrganisationKind.Town }) throw ApiProblemException.NotFound(Noun.Town, t);
        }
        return await bus.InvokeAsync<MonitoringFigures>(new CountMonitoringFigures(caller.Scope.Constraint, townId, null, days), ct);
    }
}
