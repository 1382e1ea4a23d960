using Wolverine;

namespace AnJiaXing.Api.Inspections;

public static class InspectionMessaging
{
    public const string FindingsQueue = "inspection-findings";

    /// <summary>
    /// Findings travel on a durable local queue: the envelope is stored with the submit's transaction and survives a
    /// crash; one at a time, because every finding of an inspection also appends its link to that inspection's stream.
    /// </summary>
    public static void ConfigureInspectionMessaging(this WolverineOptions opts)
    {
        opts.PublishMessage<RaiseHazardFromFinding>().ToLocalQueue(FindingsQueue).UseDurableInbox().Sequential();
    }
}
