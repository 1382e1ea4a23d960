using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace AnJiaXing.CityPlatform.Feed;

/// <summary>
/// The feed over RabbitMQ (<see cref="CityOptions.RabbitMq"/>): each message is published to the durable queue
/// <see cref="CityOptions.RabbitMqQueue"/> (default exchange) as a persistent message with publisher confirms, the
/// CloudEvent as the body (structured mode), <c>message-id</c> the CloudEvents id and the same <c>X-Signature</c> header.
/// A confirm is "delivered"; a nack, an unroutable return or a lost connection is a failed attempt like an HTTP error,
/// with the same retries, order and dead letters. The outbox stays in PostgreSQL, written in the event's transaction.
/// </summary>
public sealed class CityRabbitMqPublisher(IOptions<CityOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task PublishAsync(CityDelivery delivery, byte[] body, string signature, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var channel = await ChannelAsync(ct);
            var properties = new BasicProperties
            {
                ContentType = HazardFeedMessages.ContentType, MessageId = delivery.Id.ToString(), Type = delivery.Type,
                Persistent = true, Headers = new Dictionary<string, object?> { [Signature.Header] = signature }
            };
            try
            {
                // With confirmation tracking the call returns once the broker confirmed, and throws on a nack or a return.
                await channel.BasicPublishAsync("", options.Value.RabbitMqQueue, mandatory: true, properties, body, ct);
            }
            catch
            {
                await ResetAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true }) return _channel;
        await ResetAsync();
        var factory = new ConnectionFactory { Uri = new Uri(options.Value.RabbitMq!), ClientProvidedName = "anjiaxing-city-feed" };
        _connection = await factory.CreateConnectionAsync(ct);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await _channel.QueueDeclareAsync(options.Value.RabbitMqQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        return _channel;
    }

    private async Task ResetAsync()
    {
        try
        {
            if (_channel is not null) await _channel.DisposeAsync();
            if (_connection is not null) await _connection.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException or ObjectDisposedException)
        {
            // Already broken: nothing to close.
        }
        _channel = null;
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}
