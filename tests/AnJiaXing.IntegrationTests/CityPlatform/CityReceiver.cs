using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>
/// The city's end of the feed for tests: a real HTTP listener on 127.0.0.1 and a free port. By a fixed pattern over the
/// request count it answers 503 (not taken), takes a message and then drops the connection (taken, but the sender
/// cannot know: it sends again), or drops the connection without taking it; the rest it takes with 200. It dedupes by
/// CloudEvents id like a real receiver should, and checks every signature.
/// </summary>
public sealed class CityReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _secret;
    private readonly Task _loop;
    private int _requests;

    public sealed record Arrival(string Id, Guid Subject, long Version, string Type, string Body);

    public string Url { get; }
    public ConcurrentQueue<Arrival> Arrivals { get; } = new();
    public ConcurrentDictionary<string, Arrival> Unique { get; } = new();
    public int BadSignatures;
    public int Refused;
    public int Dropped;
    public volatile bool Down;

    public CityReceiver(string secret)
    {
        _secret = secret;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/city/feed/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Handle(context); }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var n = Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        context.Request.InputStream.CopyTo(buffer);
        var body = buffer.ToArray();
        if (Down || n % 4 == 1)
        {
            Interlocked.Increment(ref Refused);
            Answer(context, 503);
            return;
        }
        if (n % 7 == 0)
        {
            Interlocked.Increment(ref Dropped);
            context.Response.Abort();
            return;
        }
        if (!Signature.Matches(context.Request.Headers[Signature.Header], body, _secret) ||
            context.Request.ContentType?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) != true)
        {
            Interlocked.Increment(ref BadSignatures);
            Answer(context, 401);
            return;
        }
        var text = Encoding.UTF8.GetString(body);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var arrival = new Arrival(root.GetProperty("id").GetString()!, Guid.Parse(root.GetProperty("subject").GetString()!),
            root.GetProperty("hazardversion").GetInt64(), root.GetProperty("type").GetString()!, text);
        Arrivals.Enqueue(arrival);
        Unique.TryAdd(arrival.Id, arrival);
        if (n % 4 == 2)
        {
            // Taken, but the answer never arrives: the sender must send it again, and the dedupe must catch it.
            Interlocked.Increment(ref Dropped);
            context.Response.Abort();
            return;
        }
        Answer(context, 200);
    }

    private static void Answer(HttpListenerContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    /// <summary>A hazard's messages as first taken, deduped by id.</summary>
    public IReadOnlyList<Arrival> FirstArrivalsOf(Guid hazardId)
    {
        var seen = new HashSet<string>();
        return Arrivals.Where(a => a.Subject == hazardId && seen.Add(a.Id)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { }
    }
}
