namespace AnJiaXing.CityPlatform.Feed;

/// <summary>
/// A dispatch the town rejected from triage (no enterprise of the town is meant), reported back to the city: schema
/// dispatch-rejected.v1.json. A dispatch resolved to an enterprise needs no message of its own: its hazard's
/// <c>reported</c> change carries <c>report.dispatchId</c>.
/// </summary>
public sealed record DispatchRejectedData(string DispatchId, Guid? TownId, string Reason, DateTimeOffset RejectedAt, FeedActor By);

public static class DispatchFeedMessages
{
    public const string RejectedType = "cn.gov.jiading.anjiaxing.dispatch.rejected.v1";

    /// <summary>The delivery (outbox entry) of a rejection, ordered under the dispatch's would-be hazard id (version 1).</summary>
    public static CityDelivery Rejected(CityDispatch dispatch, Actor by, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var data = new DispatchRejectedData(dispatch.Id, dispatch.TownId, dispatch.RejectionReason ?? "", now, new FeedActor(by.Name, by.Role, by.OrganisationName));
        return new CityDelivery
        {
            Id = id, HazardId = ReceiveDispatchEndpoint.HazardIdOf(dispatch.Id), TownId = dispatch.TownId ?? Guid.Empty, Version = 1,
            Type = RejectedType, Status = CityDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            Body = HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, RejectedType, dispatch.Id, now, "dispatch-rejected.v1.json", data)
        };
    }
}
