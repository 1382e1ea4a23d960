using System.Net.Http.Headers;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;

namespace AnJiaXing.CityPlatform.Feed;

/// <summary>
/// Sends the feed: each round takes every hazard's oldest undelivered message and, if it is due, POSTs it (one hazard at
/// a time, so a hazard's messages leave in their order and a later one never overtakes a retried one). A 2xx answer
/// marks it Delivered; anything else (an error status, a dropped connection, a timeout) schedules a retry with doubling
/// back-off, and after <see cref="CityOptions.MaxAttempts"/> failures the message is Failed (dead-lettered) and its
/// hazard's later messages wait until someone re-sends it. Without a configured feed the sender does nothing. With
/// several nodes on one database, the sender is a single-node work (one node runs it; another takes it over when that
/// node dies), and a round still runs under a PostgreSQL advisory lock, so even while a takeover overlaps one node sends
/// at a time, each round starts from what the previous one (on any node) committed, and no message is sent twice.
/// </summary>
public sealed class CityFeedSender(IDocumentStore store, IHttpClientFactory http, CityRabbitMqPublisher rabbitMq, IOptions<CityOptions> options,
    TimeProvider clock, ILogger<CityFeedSender> logger) : SingleNodeWork
{
    public override string Name => "city-feed";

    public const string Client = "city-feed";

    /// <summary>The advisory-lock class of the feed's rounds (issue 19).</summary>
    public const int LockClass = 190002;
    private const int Window = 1000;

    public override async Task RunAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.FeedConfigured)
        {
            logger.LogInformation("City feed not configured ({Section}:Endpoint and :Secret); nothing is sent", CityOptions.Section);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(o, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "City feed round failed; retrying");
            }
            try { await Task.Delay(o.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round, if no other node is in one; answers how many messages it sent (delivered or not).</summary>
    public async Task<int> RoundAsync(CityOptions o, CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.TryAcquireAsync(store, LockClass, CityOptions.Section, ct);
        if (turn is null) return 0;
        await OperationsFeedMessages.FollowLedgerHeadsAsync(store, clock.GetUtcNow(), ct);
        IReadOnlyList<CityDelivery> open;
        await using (var query = store.QuerySession())
            open = await query.Query<CityDelivery>().Where(d => d.Status != CityDeliveryStatus.Delivered)
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Version).Take(Window).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var heads = open.GroupBy(d => d.HazardId).Select(g => g.OrderBy(d => d.Version).First())
            .Where(d => d.Status == CityDeliveryStatus.Pending && d.NextAttemptAt <= now).ToList();
        foreach (var delivery in heads)
        {
            ct.ThrowIfCancellationRequested();
            await SendAsync(delivery, o);
        }
        return heads.Count;
    }

    // A message in flight is finished and recorded even when this node is told to stop (its work moved to another
    // node, or a shutdown): cancelling between the city's answer and the record of it left the message pending, and
    // the node taking over sent it a second time (seen in the two-node test). Bounded by the request timeout.
    private async Task SendAsync(CityDelivery delivery, CityOptions o)
    {
        string? error = null;
        try
        {
            var body = Encoding.UTF8.GetBytes(delivery.Body);
            using var timeout = new CancellationTokenSource(o.RequestTimeout);
            if (o.UsesRabbitMq)
            {
                await rabbitMq.PublishAsync(delivery, body, Signature.Of(body, o.Secret!), timeout.Token);
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(HazardFeedMessages.ContentType);
                request.Headers.TryAddWithoutValidation(Signature.Header, Signature.Of(body, o.Secret!));
                using var response = await http.CreateClient(Client).SendAsync(request, timeout.Token);
                if (!response.IsSuccessStatusCode) error = $"HTTP {(int)response.StatusCode}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException
                                      || e is OperationCanceledException)
        {
            error = e is OperationCanceledException ? "timeout" : e.GetBaseException().Message;
        }

        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<CityDelivery>(delivery.Id, CancellationToken.None);
        if (current is null || current.Status != CityDeliveryStatus.Pending) return;
        current.LastAttemptAt = now;
        current.Attempts++;
        if (error is null)
        {
            current.Status = CityDeliveryStatus.Delivered;
            current.DeliveredAt = now;
            current.LastError = null;
        }
        else
        {
            current.LastError = error.Length > 500 ? error[..500] : error;
            if (current.Attempts >= o.MaxAttempts)
            {
                current.Status = CityDeliveryStatus.Failed;
                logger.LogWarning("City feed message {Id} of hazard {HazardId} dead-lettered after {Attempts} attempts: {Error}",
                    current.Id, current.HazardId, current.Attempts, error);
            }
            else current.NextAttemptAt = now + o.BackoffAfter(current.Attempts);
        }
        session.Store(current);
        await session.SaveChangesAsync(CancellationToken.None);
    }
}
