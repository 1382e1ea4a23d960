using JasperFx.Events;
using Marten.Events.Projections;

namespace AnJiaXing.Hazards;

/// <summary>
/// Folds hazard events into each enterprise's <see cref="EnterpriseHazardLedger"/>. Runs on the async daemon:
/// many hazard streams feed one document, and the daemon applies their events in order, one at a time, where
/// inline updates from concurrent commands could overwrite each other.
/// </summary>
public partial class EnterpriseHazardLedgerProjection : MultiStreamProjection<EnterpriseHazardLedger, Guid>
{
    public EnterpriseHazardLedgerProjection()
    {
        Identity<IHazardEvent>(e => e.EnterpriseId);
    }

    public void Apply(IEvent<HazardReported> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardConfirmed> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardDowngraded> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardEscalated> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardDismissed> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardWithdrawn> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RectificationAssigned> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<DeadlineExtended> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckerDesignated> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RectificationSubmitted> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckPassed> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckFailed> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureRequested> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureApproved> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureRejected> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardClosed> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<OverdueEscalated> e, EnterpriseHazardLedger ledger) => ledger.Fold(e.Data, e.Timestamp);
}
