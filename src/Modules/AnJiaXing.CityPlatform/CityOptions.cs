namespace AnJiaXing.CityPlatform;

/// <summary>
/// <c>AnJiaXing:City</c>: the city operations platform (一网统管). Without <see cref="Endpoint"/> nothing is sent (deliveries
/// wait as Pending); without <see cref="Secret"/> nothing is sent and every dispatch is refused (401).
/// </summary>
public sealed class CityOptions
{
    public const string Section = "AnJiaXing:City";

    /// <summary>The city's receiving URL for the feed (HTTP POST of one structured CloudEvent per request).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The shared HMAC-SHA256 key of both directions (<c>X-Signature: sha256=&lt;hex&gt;</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>Failed attempts after which a delivery is dead-lettered (Failed) and its hazard's later changes wait.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry's delay; each further one doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sender looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The time one POST may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An AMQP URI (<c>amqp://user:password@host:5672/vhost</c>): the feed goes to RabbitMQ instead of HTTP (the queue
    /// <see cref="RabbitMqQueue"/>). Without it the feed is HTTP to <see cref="Endpoint"/>.
    /// </summary>
    public string? RabbitMq { get; set; }

    public string RabbitMqQueue { get; set; } = "anjiaxing.city-feed";

    public bool UsesRabbitMq => Uri.TryCreate(RabbitMq, UriKind.Absolute, out var u) && (u.Scheme == "amqp" || u.Scheme == "amqps");

    public bool FeedConfigured => !string.IsNullOrEmpty(Secret) && (UsesRabbitMq ||
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https"));

    /// <summary>The delay before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var ticks = FirstBackoff.Ticks * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
