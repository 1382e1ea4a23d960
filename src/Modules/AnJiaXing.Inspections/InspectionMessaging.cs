using Wolverine;

namespace AnJiaXing.Inspections;

public static class InspectionMessaging
{
    public const string LinksQueue = "inspection-links";

    /// <summary>
    /// The Hazards module's answers travel on a durable local queue: the envelope is stored with the answering transaction
    /// and survives a crash; one at a time, because every finding of an inspection appends its link to that inspection's stream.
    /// </summary>
    public static void ConfigureInspectionMessaging(this WolverineOptions opts)
    {
        opts.PublishMessage<HazardRaisedFromFinding>().ToLocalQueue(LinksQueue).UseDurableInbox().Sequential();
    }
}
