using JasperFx.Events;
using Marten;

namespace AnJiaXing.Notices.Reminders;

/// <summary>Who a reminder goes to, resolved when it fires: an enterprise's users, a town's supervisors, the district's admins, named people.</summary>
public sealed record Audience(Guid? EnterpriseId, Guid? TownId, bool District, IReadOnlyList<Guid> UserIds)
{
    public static Audience Enterprise(Guid enterpriseId) => new(enterpriseId, null, false, []);
    public static Audience People(IEnumerable<Guid> userIds) => new(null, null, false, [.. userIds]);

    public async Task<IReadOnlyList<Guid>> ResolveAsync(IQuerySession session, CancellationToken ct)
    {
        var people = new HashSet<Guid>(UserIds);
        if (EnterpriseId is { } e)
            foreach (var p in await Reminders.EnterpriseUsersOfAsync(session, e, ct)) people.Add(p.Id);
        if (TownId is { } t)
            foreach (var p in await Reminders.TownSupervisorsOfAsync(session, t, ct)) people.Add(p.Id);
        if (District)
            foreach (var p in await session.Query<Person>().Where(p => p.Enabled && p.Role == Role.DistrictAdmin).ToListAsync(ct)) people.Add(p.Id);
        if (UserIds.Count > 0)
        {
            var enabled = (await session.LoadManyAsync<Person>(ct, UserIds.ToArray())).Where(p => p.Enabled).Select(p => p.Id).ToHashSet();
            people.RemoveWhere(id => UserIds.Contains(id) && !enabled.Contains(id));
        }
        return [.. people];
    }
}

/// <summary>
/// What an event means for one kind of reminder: about which subject, on which occasion, due when, saying what, to whom.
/// Due at or before the moment it is seen, it is stored at once; later, it is scheduled durably.
/// </summary>
public sealed record ReminderPlan(ReminderKind Kind, InboxSubject Subject, Guid SubjectId, string SubjectName, string Occasion, DateTimeOffset DueAt,
    string Title, string Body, Audience Audience);

/// <summary>
/// The current reminder of one kind about one subject (its occasion, text and audience), kept by the subscription so a
/// scheduled message can tell whether it is still current. Deterministic id per kind and subject: a newer occasion
/// replaces an older one.
/// </summary>
public sealed class ReminderSchedule
{
    public Guid Id { get; set; }
    public ReminderKind Kind { get; set; }
    public InboxSubject Subject { get; set; }
    public Guid SubjectId { get; set; }
    public string SubjectName { get; set; } = "";
    public string Occasion { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Audience Audience { get; set; } = new(null, null, false, []);

    public static Guid IdOf(ReminderKind kind, Guid subjectId) => StableId.For($"reminder-schedule/{kind}/{subjectId:N}");

    public static ReminderSchedule From(ReminderPlan plan) => new()
    {
        Id = IdOf(plan.Kind, plan.SubjectId), Kind = plan.Kind, Subject = plan.Subject, SubjectId = plan.SubjectId, SubjectName = plan.SubjectName, Occasion = plan.Occasion,
        DueAt = plan.DueAt, Title = plan.Title, Body = plan.Body, Audience = plan.Audience
    };

    public SubjectReminderDue Message() => new(Kind, Subject, SubjectId, Occasion, DueAt);

    /// <summary>This instance, now holding <paramref name="next"/>'s occasion (for a session that tracks the instance it loaded).</summary>
    public ReminderSchedule Become(ReminderSchedule next)
    {
        (Kind, Subject, SubjectId, SubjectName, Occasion, DueAt, Title, Body, Audience) =
            (next.Kind, next.Subject, next.SubjectId, next.SubjectName, next.Occasion, next.DueAt, next.Title, next.Body, next.Audience);
        return this;
    }
}

/// <summary>
/// One source of reminders: the events it reads (other modules' published contracts) and what each means. Adding a kind
/// is one class here plus its line in <see cref="SubjectReminderSources.All"/> (ADR 0025).
/// </summary>
public interface IReminderSource
{
    IReadOnlyList<Type> EventTypes { get; }

    /// <summary>The reminders an event plans; <paramref name="current"/> finds the subject's current schedule of a kind (to reuse its audience).</summary>
    Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct);

    /// <summary>A recurring reminder's next occasion after one fired at <paramref name="now"/> (none for a one-off).</summary>
    ReminderPlan? Next(ReminderSchedule fired, DateTimeOffset now) => null;
}

public static class SubjectReminderSources
{
    public static readonly IReadOnlyList<IReminderSource> All =
        [new EquipmentExpiry(), new CertificateExpiry(), new MajorHazardAlarms(), new EmergencyPlanReviews(), new PatrolWindows(), new MissedPatrols()];

    public static readonly IReadOnlyDictionary<ReminderKind, IReminderSource> ByKind = new Dictionary<ReminderKind, IReminderSource>
    {
        [ReminderKind.EquipmentExpiring] = All[0],
        [ReminderKind.CertificateExpiring] = All[1],
        [ReminderKind.MajorHazardAlarm] = All[2],
        [ReminderKind.EmergencyPlanReviewDue] = All[3],
        [ReminderKind.PatrolDue] = All[4],
        [ReminderKind.PatrolMissed] = All[5]
    };

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>9 o'clock in the morning, China Standard Time, of a day: when day-based reminders arrive.</summary>
    public static DateTimeOffset MorningOf(DateOnly day) => new(day.Year, day.Month, day.Day, 9, 0, 0, China);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");
}

internal sealed class EquipmentExpiry : IReminderSource
{
    public IReadOnlyList<Type> EventTypes => [typeof(EquipmentRegistered)];

    public Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        var r = (EquipmentRegistered)e.Data;
        IReadOnlyList<ReminderPlan> plans =
        [
            new(ReminderKind.EquipmentExpiring, InboxSubject.Equipment, r.EquipmentId, r.Name, $"expires {SubjectReminderSources.Day(r.ExpiresOn)}",
                SubjectReminderSources.MorningOf(r.ExpiresOn.AddDays(-Math.Max(0, r.RemindDaysBefore))), "安全设备即将到期",
                $"{r.EnterpriseName}：{r.Name}（{r.Kind}{(r.Code is null ? "" : " " + r.Code)}）检验有效期至 {SubjectReminderSources.Day(r.ExpiresOn)}，请及时检验。",
                Audience.Enterprise(r.EnterpriseId))
        ];
        return Task.FromResult(plans);
    }
}

internal sealed class CertificateExpiry : IReminderSource
{
    public const int LeadDays = 30;
    public IReadOnlyList<Type> EventTypes => [typeof(CertificateRegistered)];

    public Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        var c = (CertificateRegistered)e.Data;
        IReadOnlyList<ReminderPlan> plans =
        [
            new(ReminderKind.CertificateExpiring, InboxSubject.Certificate, c.CertificateId, c.Number, $"expires {SubjectReminderSources.Day(c.ExpiresOn)}",
                SubjectReminderSources.MorningOf(c.ExpiresOn.AddDays(-LeadDays)), "证书即将到期",
                $"{c.EnterpriseName}：{c.HolderName} 的{c.Kind}（{c.Number}）有效期至 {SubjectReminderSources.Day(c.ExpiresOn)}，请及时复审或换证。",
                Audience.Enterprise(c.EnterpriseId))
        ];
        return Task.FromResult(plans);
    }
}

/// <summary>An alarm is a major hazard source's (alarms are raised on its monitoring points): at once, to the enterprise and its town.</summary>
internal sealed class MajorHazardAlarms : IReminderSource
{
    public IReadOnlyList<Type> EventTypes => [typeof(AlarmRaised)];

    public Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        var a = (AlarmRaised)e.Data;
        IReadOnlyList<ReminderPlan> plans =
        [
            new(ReminderKind.MajorHazardAlarm, InboxSubject.Alarm, a.AlarmId, a.PointCode, "raised", a.At, "重大危险源报警",
                $"{a.EnterpriseName} {a.SourceName} 监测点 {a.PointCode} 读数 {a.Value}{a.Unit}，越过{a.Level}阈值 {a.Threshold}{a.Unit}，请立即处置。",
                new Audience(a.EnterpriseId, a.TownId, false, []))
        ];
        return Task.FromResult(plans);
    }
}

/// <summary>A plan's review date, 30 days ahead; a revision brings a new date (a new occasion) for the owner of the adopted plan.</summary>
internal sealed class EmergencyPlanReviews : IReminderSource
{
    public const int LeadDays = 30;
    public IReadOnlyList<Type> EventTypes => [typeof(EmergencyPlanAdopted), typeof(EmergencyPlanRevised)];

    private static Audience OwnerOf(EmergencyOwner owner) => owner.EnterpriseId is { } e
        ? Audience.Enterprise(e)
        : owner.TownId is { } t ? new Audience(null, t, false, []) : new Audience(null, null, true, []);

    private static ReminderPlan Plan(Guid planId, string title, EmergencyPlanVersion version, Audience audience) =>
        new(ReminderKind.EmergencyPlanReviewDue, InboxSubject.EmergencyPlan, planId, title, $"review {SubjectReminderSources.Day(version.ReviewDue)}",
            SubjectReminderSources.MorningOf(version.ReviewDue.AddDays(-LeadDays)), "应急预案即将到期评审",
            $"应急预案《{title}》（{version.Label}）应于 {SubjectReminderSources.Day(version.ReviewDue)} 前完成评审修订。", audience);

    public async Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        if (e.Data is EmergencyPlanAdopted adopted) return [Plan(adopted.PlanId, adopted.Title, adopted.Version, OwnerOf(adopted.Owner))];
        if (e.Data is not EmergencyPlanRevised revised) return [];
        // The revision names no owner: the adopted plan's schedule knows it.
        var before = await current(ReminderKind.EmergencyPlanReviewDue, revised.PlanId);
        return before is null ? [] : [Plan(revised.PlanId, before.SubjectName, revised.Version, before.Audience)];
    }
}

/// <summary>Each window of a patrol task (day, week or month, China time) reminds its patrollers when it opens; the next window follows.</summary>
internal sealed class PatrolWindows : IReminderSource
{
    public IReadOnlyList<Type> EventTypes => [typeof(PatrolTaskConfigured)];

    private static ReminderPlan Window(Guid taskId, PatrolFrequency every, DateTimeOffset from, string name, string body, Audience audience) =>
        new(ReminderKind.PatrolDue, InboxSubject.PatrolTask, taskId, name, $"window {from.UtcTicks} {every}", from, $"巡查任务待完成：{name}", body, audience);

    public Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        var t = (PatrolTaskConfigured)e.Data;
        // A task seen late (a replay) starts from the window open now: closed windows are RiskControl's "missed", not reminders.
        var (from, _) = PatrolWindow.Around(t.Schedule.Every, t.StartsAt > now ? t.StartsAt : now);
        var body = $"{t.EnterpriseName ?? "公共风险点"}：{t.RiskPointIds.Count} 个风险点，每{Every(t.Schedule.Every)}巡查 {t.Schedule.Times} 次。";
        IReadOnlyList<ReminderPlan> plans = [Window(t.TaskId, t.Schedule.Every, from > t.StartsAt ? from : t.StartsAt, t.Name, body,
            Audience.People(t.Assignees.Select(a => a.UserId)))];
        return Task.FromResult(plans);
    }

    public ReminderPlan? Next(ReminderSchedule fired, DateTimeOffset now)
    {
        var every = Enum.Parse<PatrolFrequency>(fired.Occasion.Split(' ')[^1]);
        var (_, to) = PatrolWindow.Around(every, fired.DueAt > now ? fired.DueAt : now);
        return Window(fired.SubjectId, every, to, fired.SubjectName, fired.Body, fired.Audience);
    }

    private static string Every(PatrolFrequency every) => every switch { PatrolFrequency.Day => "日", PatrolFrequency.Week => "周", _ => "月" };
}

/// <summary>
/// A window closed short (RiskControl appends <see cref="PatrolMissed"/> once per window): at once, to the patrollers, the
/// enterprise's users and the town's supervisors — a missed patrol is a supervision matter, not only the patroller's.
/// </summary>
internal sealed class MissedPatrols : IReminderSource
{
    public IReadOnlyList<Type> EventTypes => [typeof(PatrolMissed)];

    public Task<IReadOnlyList<ReminderPlan>> PlanAsync(IEvent e, DateTimeOffset now, Func<ReminderKind, Guid, Task<ReminderSchedule?>> current, CancellationToken ct)
    {
        var m = (PatrolMissed)e.Data;
        var window = $"{m.From.ToOffset(PatrolCalendar.ChinaOffset):yyyy-MM-dd HH:mm} 至 {m.To.ToOffset(PatrolCalendar.ChinaOffset):yyyy-MM-dd HH:mm}";
        IReadOnlyList<ReminderPlan> plans =
        [
            new(ReminderKind.PatrolMissed, InboxSubject.PatrolTask, m.TaskId, m.TaskName, $"missed {m.From.UtcTicks}", m.To, $"漏巡：{m.TaskName}",
                $"{m.EnterpriseName ?? "公共风险点"}：{window} 应巡 {m.Required} 次，实巡 {m.Done} 次，{m.UnpatrolledRiskPointIds.Count} 个风险点未巡查。",
                new Audience(m.EnterpriseId, m.TownId, false, [.. m.Assignees.Select(a => a.UserId)]))
        ];
        return Task.FromResult(plans);
    }
}
