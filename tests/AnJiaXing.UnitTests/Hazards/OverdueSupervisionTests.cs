using AnJiaXing.Hazards.Supervision;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using AnJiaXing.UnitTests.Contracts;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Hazards;

/// <summary>The overdue escalation (督办) rule of the hazard: when, to whom, once per deadline and tier.</summary>
public class OverdueSupervisionTests
{
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);
    private static readonly DateTimeOffset Deadline = T0.AddDays(7);

    private static RectificationAssigned Assigned() =>
        new(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, Deadline, "更换配电箱", 1200m, "专人值守", Town);

    private static SupervisionTier[] Tiers(IReadOnlyList<object> events) => [.. events.Cast<OverdueEscalated>().Select(e => e.Tier)];

    [Fact]
    public void nothing_before_the_deadline()
    {
        var hazard = Aggregate(Reported(), Assigned());
        Assert.Empty(hazard.EscalateOverdue(Deadline, Deadline.AddMinutes(-1), ThreeDays));
    }

    [Fact]
    public void a_general_hazard_goes_to_the_town_at_the_deadline_and_to_the_department_days_later_each_once()
    {
        var reported = Reported();
        var assigned = Assigned();
        var atDeadline = Aggregate(reported, assigned).EscalateOverdue(Deadline, Deadline.AddMinutes(1), ThreeDays);
        Assert.Equal([SupervisionTier.Town], Tiers(atDeadline));
        var town = (OverdueEscalated)atDeadline[0];
        Assert.Equal(Actor.System, town.By);
        Assert.Equal(Deadline, town.Deadline);

        // Redelivered at the deadline: nothing more.
        Assert.Empty(Aggregate(reported, assigned, town).EscalateOverdue(Deadline, Deadline.AddMinutes(2), ThreeDays));
        // Two days on: still the town's.
        Assert.Empty(Aggregate(reported, assigned, town).EscalateOverdue(Deadline, Deadline.AddDays(2), ThreeDays));
        // Three days on: the department's, once.
        var later = Aggregate(reported, assigned, town).EscalateOverdue(Deadline, Deadline.Add(ThreeDays), ThreeDays);
        Assert.Equal([SupervisionTier.Department], Tiers(later));
        Assert.Empty(Aggregate(reported, assigned, town, later[0]).EscalateOverdue(Deadline, Deadline.AddDays(5), ThreeDays));
    }

    [Fact]
    public void a_late_first_delivery_records_both_tiers_in_order()
    {
        var events = Aggregate(Reported(), Assigned()).EscalateOverdue(Deadline, Deadline.AddDays(4), ThreeDays);
        Assert.Equal([SupervisionTier.Town, SupervisionTier.Department], Tiers(events));
    }

    [Fact]
    public void a_major_hazard_goes_to_the_town_and_the_department_at_once()
    {
        var hazard = Aggregate(Reported(HazardLevel.Major, Inspector), new HazardConfirmed(HazardId, EnterpriseId, null, Department), Assigned());
        Assert.Equal([SupervisionTier.Town, SupervisionTier.Department], Tiers(hazard.EscalateOverdue(Deadline, Deadline.AddMinutes(1), ThreeDays)));
    }

    [Fact]
    public void an_extended_deadline_or_a_rectified_hazard_is_not_escalated()
    {
        var extended = Aggregate(Reported(), Assigned(), new DeadlineExtended(HazardId, EnterpriseId, Deadline, Deadline.AddDays(7), "备件采购周期长", EnterpriseUser));
        Assert.Empty(extended.EscalateOverdue(Deadline, Deadline.AddDays(4), ThreeDays));
        Assert.Equal([SupervisionTier.Town], Tiers(extended.EscalateOverdue(Deadline.AddDays(7), Deadline.AddDays(7).AddMinutes(1), ThreeDays)));

        var submitted = Aggregate(Reported(), Assigned(), new RectificationSubmitted(HazardId, EnterpriseId, "已整改", [Photo], false, Responsible));
        Assert.Empty(submitted.EscalateOverdue(Deadline, Deadline.AddDays(4), ThreeDays));
    }

    [Fact]
    public void a_deadline_schedules_the_town_at_it_and_the_department_days_after()
    {
        Assert.Equal([(SupervisionTier.Town, Deadline), (SupervisionTier.Department, Deadline.Add(ThreeDays))],
            OverdueSupervisionSubscription.Schedule(HazardId, Deadline, ThreeDays).Select(d => (d.Tier, d.DueAt)));
        Assert.Equal(3, new OverdueSupervisionOptions().DepartmentAfterDays);
    }

    /// <summary>The escalation waits days in the durable inbox as a scheduled envelope: its JSON is a contract.</summary>
    [Fact]
    public void the_escalation_message_keeps_its_json_shape()
    {
        var due = new OverdueEscalationDue(HazardId, Deadline, SupervisionTier.Department, Deadline.Add(ThreeDays));
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(due)), new SnapshotNameExtension(nameof(OverdueEscalationDue)));
    }
}
