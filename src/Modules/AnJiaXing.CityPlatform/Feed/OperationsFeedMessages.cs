using JasperFx.Events;
using Marten;
using Npgsql;

namespace AnJiaXing.CityPlatform.Feed;

/// <summary>An alarm's change (schema alarm-change.v1.json): <c>raised</c> carries what crossed which line.</summary>
public sealed record AlarmChangeData(
    Guid AlarmId, long Version, string Change, Guid EnterpriseId, DateTimeOffset OccurredAt, FeedActor By, string? Remarks, AlarmRaisedData? Raised);

public sealed record AlarmRaisedData(
    string PointCode, string SourceName, string EnterpriseName, Guid TownId, IReadOnlyList<IndustryDomain> Domains, ThresholdLevel Level,
    double Threshold, double Value, string Unit, DateTimeOffset At, Guid DeviceId);

/// <summary>An incident's change (schema incident-change.v1.json): <c>reported</c>, <c>updated</c> (news, casualties), <c>closed</c>.</summary>
public sealed record IncidentChangeData(
    Guid IncidentId, long Version, string Change, DateTimeOffset OccurredAt, FeedActor By, IncidentReportData? Report, string? Note, int? Deaths,
    int? Injuries, string? Summary);

public sealed record IncidentReportData(
    Guid? EnterpriseId, string? EnterpriseName, Guid? TownId, string? TownName, IncidentKind Kind, DateTimeOffset OccurredAt, string Place,
    double? Latitude, double? Longitude, string Description);

/// <summary>A signed head of the ledger (schema ledger-head.v1.json), for the city to keep outside this system's reach.</summary>
public sealed record LedgerHeadData(
    long HeadId, long CoveredSequence, long StreamCount, long TreeSize, string Root, string? LogRoot, IReadOnlyList<string> ConsistencyProof,
    DateTimeOffset SealedAt, string Algorithm, string KeyId, string PublicKey, string Signature, string SignedPayload);

/// <summary>
/// The feed's messages beyond hazards: alarms and incidents (from their events, in the event's transaction, like hazard
/// changes), and the ledger's signed heads (followed from the append-only heads table). Each is ordered under its own
/// subject — the alarm, the incident, the ledger — by the same sender, in the same outbox.
/// </summary>
public static class OperationsFeedMessages
{
    public const string AlarmPrefix = "cn.gov.jiading.anjiaxing.alarm.";
    public const string IncidentPrefix = "cn.gov.jiading.anjiaxing.incident.";
    public const string LedgerHeadType = "cn.gov.jiading.anjiaxing.ledger.head-signed.v1";

    /// <summary>The ordering key of the ledger's heads in the outbox (its "hazard id"): one sequence, head by head.</summary>
    public static readonly Guid LedgerStream = StableId.For("city-feed/ledger-heads");

    public static CityDelivery? From(IEvent e, DateTimeOffset now) => e.Data switch
    {
        AlarmRaised r => Alarm(e, r.AlarmId, r.EnterpriseId, r.TownId, "raised", r.By, null,
            new AlarmRaisedData(r.PointCode, r.SourceName, r.EnterpriseName, r.TownId, r.Domains, r.Level, r.Threshold, r.Value, r.Unit, r.At, r.DeviceId), now),
        AlarmAcknowledged a => Alarm(e, a.AlarmId, a.EnterpriseId, Guid.Empty, "acknowledged", a.By, a.Remarks, null, now),
        AlarmResolved a => Alarm(e, a.AlarmId, a.EnterpriseId, Guid.Empty, "resolved", a.By, a.Remarks, null, now),
        IncidentReported r => Incident(e, r.IncidentId, r.Owner.EnterpriseId, r.Owner.TownId, "reported", r.By, now,
            report: new IncidentReportData(r.Owner.EnterpriseId, r.Owner.EnterpriseName, r.Owner.TownId, r.Owner.TownName, r.Kind, r.OccurredAt,
                r.Place, r.Latitude, r.Longitude, r.Description), deaths: r.Deaths, injuries: r.Injuries),
        IncidentUpdated u => Incident(e, u.IncidentId, null, null, "updated", u.By, now, note: u.Note, deaths: u.Deaths, injuries: u.Injuries),
        IncidentClosed c => Incident(e, c.IncidentId, null, null, "closed", c.By, now, summary: c.Summary),
        _ => null
    };

    private static DateTimeOffset When(IEvent e, DateTimeOffset now) => e.Timestamp == default ? now : e.Timestamp;

    private static FeedActor ActorOf(Actor by) => new(by.Name, by.Role, by.OrganisationName);

    private static CityDelivery Alarm(IEvent e, Guid alarmId, Guid enterpriseId, Guid townId, string change, Actor by, string? remarks,
        AlarmRaisedData? raised, DateTimeOffset now)
    {
        var type = $"{AlarmPrefix}{change}.v1";
        var data = new AlarmChangeData(alarmId, e.Version, change, enterpriseId, When(e, now), ActorOf(by), remarks, raised);
        return Delivery(e.Id, alarmId, enterpriseId, townId, e.Version, type, now,
            HazardFeedMessages.EncodeEvent(e.Id, HazardFeedMessages.Source, type, alarmId.ToString(), data.OccurredAt, "alarm-change.v1.json", data));
    }

    private static CityDelivery Incident(IEvent e, Guid incidentId, Guid? enterpriseId, Guid? townId, string change, Actor by, DateTimeOffset now,
        IncidentReportData? report = null, string? note = null, int? deaths = null, int? injuries = null, string? summary = null)
    {
        var type = $"{IncidentPrefix}{change}.v1";
        var data = new IncidentChangeData(incidentId, e.Version, change, When(e, now), ActorOf(by), report, note, deaths, injuries, summary);
        return Delivery(e.Id, incidentId, enterpriseId ?? Guid.Empty, townId ?? Guid.Empty, e.Version, type, now,
            HazardFeedMessages.EncodeEvent(e.Id, HazardFeedMessages.Source, type, incidentId.ToString(), data.OccurredAt, "incident-change.v1.json", data));
    }

    private static CityDelivery Delivery(Guid id, Guid subject, Guid enterpriseId, Guid townId, long version, string type, DateTimeOffset now, string body) => new()
    {
        Id = id, HazardId = subject, EnterpriseId = enterpriseId, TownId = townId, Version = version, Type = type, Body = body,
        Status = CityDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now
    };

    /// <summary>
    /// Puts every signed head not yet in the outbox into it, in head order. Heads are append-only rows written by the
    /// platform's sealer in a transaction of its own, so the table itself is the outbox's source: a head is never lost,
    /// only picked up at the next round; its delivery id is derived from the head id, so picking it up twice stores it once.
    /// </summary>
    public static async Task<int> FollowLedgerHeadsAsync(IDocumentStore store, DateTimeOffset now, CancellationToken ct)
    {
        long last;
        await using (var query = store.QuerySession())
            last = await query.Query<CityDelivery>().Where(d => d.HazardId == LedgerStream).OrderByDescending(d => d.Version)
                .Select(d => d.Version).FirstOrDefaultAsync(ct);
        List<StoredDigest> heads;
        await using (var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            heads = await StoredDigest.LoadAsync(connection, MartenSetup.Schema, "where id > $1 order by id limit 100", last, ct);
        }
        if (heads.Count == 0) return 0;
        await using var session = store.LightweightSession();
        foreach (var head in heads)
        {
            var id = StableId.For($"city-feed/ledger-head/{head.Id}");
            var digest = DigestResponse.From(head);
            var data = new LedgerHeadData(head.Id, head.CoveredSequence, head.StreamCount, head.EventCount, head.Root, head.LogRoot, digest.ConsistencyProof,
                head.CreatedAt, digest.Algorithm, head.KeyId, head.PublicKey, head.Signature, digest.SignedPayload);
            session.Store(Delivery(id, LedgerStream, Guid.Empty, Guid.Empty, head.Id, LedgerHeadType, now,
                HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, LedgerHeadType, $"ledger-head/{head.Id}", head.CreatedAt, "ledger-head.v1.json", data)));
        }
        await session.SaveChangesAsync(ct);
        return heads.Count;
    }
}
