using Marten;

namespace AnJiaXing.Platform.Demo;

/// <summary>
/// Backdating for demo seeds: a year of activity is written today, so each event carries the time it stands for
/// (the store keeps a timestamp set before saving; every read model and figure then dates it as if it happened then).
/// </summary>
public static class DemoTime
{
    /// <summary>Dates every event still pending in the session at <paramref name="at"/>.</summary>
    public static void Backdate(IDocumentSession session, DateTimeOffset at)
    {
        foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events)) e.Timestamp = at;
    }
}
