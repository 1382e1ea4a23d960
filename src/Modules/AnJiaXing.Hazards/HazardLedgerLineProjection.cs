using JasperFx.Events;
using Marten.Events.Projections;

namespace AnJiaXing.Hazards;

/// <summary>
/// Folds hazard events into each hazard's <see cref="HazardLedgerLine"/>, the lines the enterprise file is composed
/// of. Runs on the async daemon, as the per-enterprise ledger it replaces did, so a command pays nothing for it; the
/// events are routed by the hazard they are about.
/// </summary>
public partial class HazardLedgerLineProjection : MultiStreamProjection<HazardLedgerLine, Guid>
{
    public HazardLedgerLineProjection()
    {
        Identity<IHazardEvent>(e => e.HazardId);
    }

    public void Apply(IEvent<HazardReported> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardConfirmed> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardDowngraded> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardEscalated> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardDismissed> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardWithdrawn> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RectificationAssigned> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<DeadlineExtended> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckerDesignated> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RectificationSubmitted> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckPassed> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<RecheckFailed> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureRequested> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureApproved> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<ClosureRejected> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<HazardClosed> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
    public void Apply(IEvent<OverdueEscalated> e, HazardLedgerLine line) => line.Fold(e.Data, e.Timestamp);
}
