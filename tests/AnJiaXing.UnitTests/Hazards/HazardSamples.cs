using JasperFx.Events;

namespace AnJiaXing.UnitTests.Hazards;

/// <summary>Fixed sample data, so event and read-model JSON can be pinned by snapshots.</summary>
public static class HazardSamples
{
    public static readonly Guid HazardId = Guid.Parse("01930000-0000-7000-8000-000000000001");
    public static readonly Guid EnterpriseId = Guid.Parse("01930000-0000-7000-8000-0000000000e1");
    public static readonly Guid TownId = Guid.Parse("01930000-0000-7000-8000-0000000000a1");
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    public static readonly EvidenceRef Photo = new(Guid.Parse("01930000-0000-7000-8000-0000000000f1"), new string('a', 64));

    public static readonly Actor EnterpriseUser = new(Guid.Parse("01930000-0000-7000-8000-0000000000b1"), "企业用户 王芳", Role.EnterpriseUser, EnterpriseId, "南翔化工有限公司");
    public static readonly Actor Responsible = new(Guid.Parse("01930000-0000-7000-8000-0000000000b2"), "整改负责人 李强", Role.EnterpriseUser, EnterpriseId, "南翔化工有限公司");
    public static readonly Actor Town = new(Guid.Parse("01930000-0000-7000-8000-0000000000c1"), "南翔镇安监 张明", Role.TownSupervisor, TownId, "南翔镇");
    public static readonly Actor Inspector = new(Guid.Parse("01930000-0000-7000-8000-0000000000c2"), "第三方检查员 刘洋", Role.ThirdPartyInspector, TownId, "南翔镇");
    public static readonly Actor Department = new(Guid.Parse("01930000-0000-7000-8000-0000000000d1"), "应急局 王科长", Role.DepartmentOfficer, Guid.Parse("01930000-0000-7000-8000-0000000000d0"), "应急局");

    public static HazardReported Reported(HazardLevel level = HazardLevel.General, Actor? by = null) => new(
        HazardId, EnterpriseId, "南翔化工有限公司", TownId, "南翔镇", IndustryDomain.HazardousChemicals, level, HazardCategory.Electrical,
        "配电箱门缺失，线路裸露", "二号车间", 31.29, 121.32, HazardSource.SelfInspection, null, null, null, [Photo], T0.AddHours(-1),
        by ?? EnterpriseUser);

    /// <summary>One sample of every hazard event type, in a plausible order.</summary>
    public static IEnumerable<object> EveryEvent() =>
    [
        Reported(HazardLevel.Major, Inspector),
        new HazardConfirmed(HazardId, EnterpriseId, "经核实属重大隐患", Department),
        new HazardDowngraded(HazardId, EnterpriseId, "储量未超临界量", Department),
        new HazardEscalated(HazardId, EnterpriseId, "涉及重大危险源", Town),
        new HazardDismissed(HazardId, EnterpriseId, "误报", Department),
        new HazardWithdrawn(HazardId, EnterpriseId, "重复录入", EnterpriseUser),
        new RectificationAssigned(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "更换配电箱", 1200m, "专人值守", Town),
        new DeadlineExtended(HazardId, EnterpriseId, T0.AddDays(7), T0.AddDays(14), "备件采购周期长", EnterpriseUser),
        new RecheckerDesignated(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, EnterpriseUser),
        new RectificationSubmitted(HazardId, EnterpriseId, "已更换配电箱门", [Photo], false, Responsible),
        new RecheckPassed(HazardId, EnterpriseId, "整改到位", [Photo], Inspector),
        new RecheckFailed(HazardId, EnterpriseId, "线路仍裸露", [], Inspector),
        new ClosureRequested(HazardId, EnterpriseId, "申请销号", EnterpriseUser),
        new ClosureApproved(HazardId, EnterpriseId, "同意销号", Department),
        new ClosureRejected(HazardId, EnterpriseId, "应急预案未演练", Department),
        new HazardClosed(HazardId, EnterpriseId, "ClosureApproved", [Photo], Department),
        new OverdueEscalated(HazardId, EnterpriseId, T0.AddDays(7), SupervisionTier.Town, T0.AddDays(7).AddMinutes(1), Actor.System)
    ];

    public static IEvent<T> At<T>(T data, long version, DateTimeOffset timestamp) where T : notnull =>
        new Event<T>(data) { Version = version, Timestamp = timestamp, StreamId = HazardId };

    /// <summary>The aggregate the rules decide on, folded from the events as the store folds it.</summary>
    public static Hazard Aggregate(params object[] events) => Hazard.Fold(events);

    public static HazardView View(params object[] events)
    {
        HazardView? view = null;
        var version = 0L;
        foreach (var e in events)
        {
            version++;
            var at = T0.AddHours(version);
            switch (e)
            {
                case HazardReported r: view = HazardView.Create(At(r, version, at)); break;
                case HazardConfirmed x: view!.Apply(At(x, version, at)); break;
                case HazardDowngraded x: view!.Apply(At(x, version, at)); break;
                case HazardEscalated x: view!.Apply(At(x, version, at)); break;
                case HazardDismissed x: view!.Apply(At(x, version, at)); break;
                case HazardWithdrawn x: view!.Apply(At(x, version, at)); break;
                case RectificationAssigned x: view!.Apply(At(x, version, at)); break;
                case DeadlineExtended x: view!.Apply(At(x, version, at)); break;
                case RecheckerDesignated x: view!.Apply(At(x, version, at)); break;
                case RectificationSubmitted x: view!.Apply(At(x, version, at)); break;
                case RecheckPassed x: view!.Apply(At(x, version, at)); break;
                case RecheckFailed x: view!.Apply(At(x, version, at)); break;
                case ClosureRequested x: view!.Apply(At(x, version, at)); break;
                case ClosureApproved x: view!.Apply(At(x, version, at)); break;
                case ClosureRejected x: view!.Apply(At(x, version, at)); break;
                case HazardClosed x: view!.Apply(At(x, version, at)); break;
            }
            view!.Version = version;
        }
        return view!;
    }

    public static Person EnterpriseAccount(Actor actor, bool enabled = true) => new()
    {
        Id = actor.Id, Username = "u" + actor.Id.ToString("N")[..6], DisplayName = actor.Name, Role = Role.EnterpriseUser,
        OrganisationId = EnterpriseId, OrganisationName = actor.OrganisationName, OrganisationKind = OrganisationKind.Enterprise,
        TownId = TownId, Enabled = enabled
    };
}
