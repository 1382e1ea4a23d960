using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Hazards;

public class HazardRulesTests
{
    private static Caller CallerOf(Actor a, Guid? townId = null, Guid? enterpriseId = null, params IndustryDomain[] domains) =>
        new(a.Id, "user", a.Name, a.Role, a.OrganisationId, a.OrganisationName, OrganisationKind.Town, townId, enterpriseId, domains);

    private static void Conflict(Action act) => Assert.Equal(409, Assert.Throws<ApiProblemException>(act).Status);

    [Fact]
    public void a_major_report_starts_pending_confirmation_and_a_general_one_reported()
    {
        Assert.Equal(HazardStatus.PendingConfirmation, Aggregate(Reported(HazardLevel.Major)).Status);
        Assert.Equal(HazardStatus.Reported, Aggregate(Reported()).Status);
    }

    [Fact]
    public void an_enterprise_reports_only_self_inspection_findings_and_never_against_a_disabled_enterprise()
    {
        var enterprise = new Organisation { Id = EnterpriseId, Name = "南翔化工", Kind = OrganisationKind.Enterprise, TownId = TownId, Domains = [IndustryDomain.HazardousChemicals] };
        var town = new Organisation { Id = TownId, Name = "南翔镇", Kind = OrganisationKind.Town, TownId = TownId };
        var caller = CallerOf(EnterpriseUser, TownId, EnterpriseId);
        HazardReported Report(HazardSource source, IndustryDomain? domain = null) => Hazard.Report(HazardId, enterprise, town, domain, HazardLevel.General,
            HazardCategory.Fire, " 灭火器过期 ", null, null, null, source, null, null, null, [], T0, caller);

        Assert.Equal("灭火器过期", Report(HazardSource.SelfInspection).Description);
        Assert.Equal(IndustryDomain.HazardousChemicals, Report(HazardSource.SelfInspection).Domain);
        Assert.Throws<ValidationProblemException>(() => Report(HazardSource.LawEnforcement));
        Assert.Throws<ValidationProblemException>(() => Report(HazardSource.SelfInspection, IndustryDomain.ConstructionSites));
        enterprise.Enabled = false;
        Conflict(() => Report(HazardSource.SelfInspection));
    }

    [Fact]
    public void only_a_major_hazard_pending_confirmation_is_confirmed_downgraded_or_dismissed()
    {
        var pending = Aggregate(Reported(HazardLevel.Major));
        Assert.IsType<HazardConfirmed>(pending.Confirm(null, Department));
        Assert.IsType<HazardDowngraded>(pending.Downgrade("未达标准", Department));
        Assert.IsType<HazardDismissed>(pending.Dismiss("误报", Department));

        var general = Aggregate(Reported());
        Conflict(() => general.Confirm(null, Department));
        Conflict(() => general.Downgrade("x", Department));
        Conflict(() => general.Dismiss("x", Department));
    }

    [Fact]
    public void escalation_applies_to_open_general_hazards_only()
    {
        Assert.IsType<HazardEscalated>(Aggregate(Reported()).Escalate("重大危险源", Town));
        Conflict(() => Aggregate(Reported(HazardLevel.Major)).Escalate("x", Town));
        Conflict(() => Aggregate(Reported(), new HazardWithdrawn(HazardId, EnterpriseId, "x", EnterpriseUser)).Escalate("x", Town));
        var escalated = Aggregate(Reported(), new HazardEscalated(HazardId, EnterpriseId, "x", Town));
        Assert.Equal((HazardLevel.Major, HazardStatus.PendingConfirmation), (escalated.Level, escalated.Status));
    }

    [Fact]
    public void withdrawal_is_possible_until_someone_else_acts()
    {
        Assert.IsType<HazardWithdrawn>(Aggregate(Reported()).Withdraw("误录入", EnterpriseUser));
        var extendedByReporter = Aggregate(Reported(), new RecheckerDesignated(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, EnterpriseUser));
        Assert.False(extendedByReporter.ActedOnByOthers);
        var actedOn = Aggregate(Reported(), Assignment(Town));
        Assert.True(actedOn.ActedOnByOthers);
        Conflict(() => actedOn.Withdraw("x", EnterpriseUser));
    }

    private static RectificationAssigned Assignment(Actor by) =>
        new(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "措施", null, null, by);

    [Fact]
    public void a_major_hazard_is_assigned_only_after_confirmation_and_with_the_five_in_place()
    {
        var responsible = EnterpriseAccount(Responsible);
        Conflict(() => Aggregate(Reported(HazardLevel.Major)).Assign(responsible, T0.AddDays(7), "m", 1m, "p", T0, Town));

        var confirmed = Aggregate(Reported(HazardLevel.Major), new HazardConfirmed(HazardId, EnterpriseId, null, Department));
        var missing = Assert.Throws<ValidationProblemException>(() => confirmed.Assign(responsible, T0.AddDays(7), null, null, null, T0, Town));
        Assert.Equal(["contingencyPlan", "funds", "measures"], missing.Errors.Keys.Order());
        Assert.IsType<RectificationAssigned>(confirmed.Assign(responsible, T0.AddDays(7), "措施", 10m, "预案", T0, Town));
    }

    [Fact]
    public void the_responsible_person_must_be_an_enabled_user_of_the_enterprise_and_the_deadline_in_the_future()
    {
        var h = Aggregate(Reported());
        Assert.Throws<ValidationProblemException>(() => h.Assign(EnterpriseAccount(Responsible, enabled: false), T0.AddDays(7), null, null, null, T0, Town));
        var outsider = EnterpriseAccount(Responsible);
        outsider.OrganisationId = Guid.NewGuid();
        Assert.Throws<ValidationProblemException>(() => h.Assign(outsider, T0.AddDays(7), null, null, null, T0, Town));
        Assert.Throws<ValidationProblemException>(() => h.Assign(EnterpriseAccount(Responsible), T0.AddDays(-1), null, null, null, T0, Town));
    }

    [Fact]
    public void on_the_spot_rectification_is_for_a_reported_general_hazard()
    {
        var submitted = Aggregate(Reported()).SubmitRectification("当场整改", [], EnterpriseUser);
        Assert.True(submitted.OnTheSpot);
        Conflict(() => Aggregate(Reported(HazardLevel.Major)).SubmitRectification("x", [], EnterpriseUser));
        var rectifying = Aggregate(Reported(), Assignment(Town));
        Assert.False(rectifying.SubmitRectification("x", [], Responsible).OnTheSpot);
    }

    [Fact]
    public void a_passed_recheck_by_town_staff_closes_a_general_hazard_but_a_designated_rechecker_leaves_it_rechecked()
    {
        var awaiting = Aggregate(Reported(), Assignment(Town), new RectificationSubmitted(HazardId, EnterpriseId, "done", [], false, Responsible));
        var byTown = awaiting.Recheck(true, "ok", [Photo], CallerOf(Inspector, TownId));
        Assert.Equal([typeof(RecheckPassed), typeof(HazardClosed)], byTown.Select(e => e.GetType()));
        var byRechecker = awaiting.Recheck(true, "ok", [], CallerOf(Responsible, TownId, EnterpriseId));
        Assert.Equal([typeof(RecheckPassed)], byRechecker.Select(e => e.GetType()));
        Assert.Throws<ValidationProblemException>(() => awaiting.Recheck(false, " ", [], CallerOf(Inspector, TownId)));
        Assert.IsType<RecheckFailed>(Assert.Single(awaiting.Recheck(false, "线路仍裸露", [], CallerOf(Inspector, TownId))));
        Conflict(() => Aggregate(Reported()).Recheck(true, null, [], CallerOf(Inspector, TownId)));
    }

    [Fact]
    public void a_major_hazard_closes_only_through_request_and_department_decision()
    {
        var rechecked = Aggregate(Reported(HazardLevel.Major), new HazardConfirmed(HazardId, EnterpriseId, null, Department),
            new RectificationAssigned(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "m", 1m, "p", EnterpriseUser),
            new RectificationSubmitted(HazardId, EnterpriseId, "done", [], false, Responsible),
            new RecheckPassed(HazardId, EnterpriseId, "ok", [Photo], Department));
        Assert.Equal(HazardStatus.Rechecked, rechecked.Status);
        Conflict(() => rechecked.DecideClosure(true, null, Department));

        var requested = Aggregate(Reported(HazardLevel.Major), new HazardConfirmed(HazardId, EnterpriseId, null, Department),
            new RectificationAssigned(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "m", 1m, "p", EnterpriseUser),
            new RectificationSubmitted(HazardId, EnterpriseId, "done", [], false, Responsible),
            new RecheckPassed(HazardId, EnterpriseId, "ok", [Photo], Department),
            rechecked.RequestClosure("申请", EnterpriseUser));
        Assert.Equal(HazardStatus.ClosureRequested, requested.Status);
        var approved = requested.DecideClosure(true, "同意", Department);
        Assert.Equal([typeof(ClosureApproved), typeof(HazardClosed)], approved.Select(e => e.GetType()));
        Assert.Equal([Photo], ((HazardClosed)approved[1]).Evidence);
        Assert.Throws<ValidationProblemException>(() => requested.DecideClosure(false, null, Department));
        Assert.IsType<ClosureRejected>(Assert.Single(requested.DecideClosure(false, "未演练", Department)));
        Conflict(() => Aggregate(Reported()).RequestClosure(null, EnterpriseUser));
    }

    [Fact]
    public void deadlines_are_extended_forward_only_and_overdue_is_derived()
    {
        var rectifying = Aggregate(Reported(), Assignment(Town));
        Conflict(() => Aggregate(Reported()).ExtendDeadline(T0.AddDays(30), "x", Town));
        Assert.Throws<ValidationProblemException>(() => rectifying.ExtendDeadline(T0.AddDays(6), "x", Town));
        var extended = rectifying.ExtendDeadline(T0.AddDays(30), "采购", Town);
        Assert.Equal(T0.AddDays(7), extended.PreviousDeadline);

        Assert.False(HazardLifecycle.IsOverdue(rectifying.Status, rectifying.Deadline, T0.AddDays(6)));
        Assert.True(HazardLifecycle.IsOverdue(rectifying.Status, rectifying.Deadline, T0.AddDays(8)));
        Assert.False(HazardLifecycle.IsOverdue(HazardStatus.AwaitingRecheck, rectifying.Deadline, T0.AddDays(8)));
    }
}
