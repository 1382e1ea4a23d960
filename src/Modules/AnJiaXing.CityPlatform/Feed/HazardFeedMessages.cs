using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace AnJiaXing.CityPlatform.Feed;

/// <summary>
/// The feed's data shape (docs/integration/city-feed.md, schema hazard-change.v1.json): what the city needs of a hazard
/// change, stated for the city, not the internal event. Additive changes only; a breaking one is a new type (v2).
/// </summary>
public sealed record HazardChangeData(
    Guid HazardId,
    long Version,
    string Change,
    HazardStatus Status,
    HazardLevel Level,
    Guid EnterpriseId,
    Guid TownId,
    DateTimeOffset OccurredAt,
    FeedActor By,
    DateTimeOffset? Deadline,
    HazardReport? Report);

public sealed record FeedActor(string Name, Role Role, string Organisation);

/// <summary>What the first message of a hazard (<c>reported</c>) adds.</summary>
public sealed record HazardReport(
    string EnterpriseName, string TownName, IndustryDomain Domain, HazardCategory Category, string Description, string? Location,
    HazardSource Source, DateTimeOffset FoundAt, string? DispatchId);

/// <summary>The per-hazard state the feed keeps to state status and level after each change.</summary>
public sealed class CityHazardState
{
    public Guid Id { get; set; }
    public Guid TownId { get; set; }
    public HazardStatus Status { get; set; }
    public HazardLevel Level { get; set; }
    public DateTimeOffset? Deadline { get; set; }
}

public static class HazardFeedMessages
{
    public const string TypePrefix = "cn.gov.jiading.anjiaxing.hazard.";
    public const string VersionExtension = "hazardversion";

    /// <summary>The CloudEvents <c>source</c> of every message: this system.</summary>
    public const string Source = "urn:cn:gov:jiading:anjiaxing";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
    };

    private static readonly CloudEventAttribute Version = CloudEventAttribute.CreateExtension(VersionExtension, CloudEventAttributeType.Integer);

    /// <summary>The change's name in the type: <c>HazardReported</c> → reported, <c>RectificationSubmitted</c> → rectification-submitted.</summary>
    public static string ChangeOf(Type eventType)
    {
        var name = eventType.Name;
        if (name.StartsWith("Hazard", StringComparison.Ordinal) && name.Length > 6) name = name[6..];
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static string TypeOf(Type eventType) => $"{TypePrefix}{ChangeOf(eventType)}.v1";

    /// <summary>The structured-mode CloudEvents 1.0 JSON of one hazard change.</summary>
    public static string Encode(Guid id, string source, HazardChangeData data) =>
        EncodeEvent(id, source, $"{TypePrefix}{data.Change}.v1", data.HazardId.ToString(), data.OccurredAt, "hazard-change.v1.json", data, data.Version);

    /// <summary>The root of the <c>dataschema</c> URLs; the file names are those in docs/integration/schemas.</summary>
    public const string SchemaRoot = "https://anjiaxing.jiading.gov.cn/schemas/city-feed/";

    /// <summary>
    /// Any message of the feed as a structured-mode CloudEvents 1.0 JSON document: <paramref name="data"/> in the feed's
    /// JSON conventions (camelCase, enums by name, nulls left out), <c>hazardversion</c> only on hazard changes.
    /// </summary>
    public static string EncodeEvent(Guid id, string source, string type, string subject, DateTimeOffset time, string schemaFile, object data,
        long? hazardVersion = null)
    {
        var ce = new CloudEvent(CloudEventsSpecVersion.V1_0, hazardVersion is null ? [] : [Version])
        {
            Id = id.ToString(),
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = type,
            Subject = subject,
            Time = time,
            DataContentType = "application/json",
            DataSchema = new Uri(SchemaRoot + schemaFile),
            Data = JsonSerializer.SerializeToElement(data, data.GetType(), DataJson)
        };
        if (hazardVersion is { } v) ce[Version] = (int)v;
        var bytes = new JsonEventFormatter().EncodeStructuredModeMessage(ce, out _);
        return Encoding.UTF8.GetString(bytes.Span);
    }

    public const string ContentType = "application/cloudevents+json; charset=utf-8";
}
