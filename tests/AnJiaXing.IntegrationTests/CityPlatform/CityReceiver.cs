using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>
/// The city's end of the feed for tests: a real HTTP/1.1 listener on 127.0.0.1 and a free port (a raw socket, so a
/// "dropped connection" is a real reset). By a fixed pattern over the request count it answers 503 (not taken), takes a
/// message and then resets the connection (taken, but the sender cannot know: it sends again), or resets without taking
/// it; the rest it takes with 200. It dedupes by CloudEvents id like a real receiver should, and checks every signature.
/// </summary>
public sealed class CityReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _secret;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <summary>A message as taken. <see cref="Subject"/> is the hazard (Guid.Empty when the subject is no hazard id, as a dispatch's);
    /// <see cref="Version"/> its <c>hazardversion</c> (0 on messages that are no hazard change).</summary>
    public sealed record Arrival(string Id, Guid Subject, long Version, string Type, string Body, string RawSubject);

    public string Url { get; }
    public ConcurrentQueue<Arrival> Arrivals { get; } = new();
    public ConcurrentDictionary<string, Arrival> Unique { get; } = new();
    public int BadSignatures;
    public int Refused;
    public int Dropped;
    public volatile bool Down;

    /// <summary>False: every request is taken and answered 200 (no refusals, no drops), so each message should arrive once.</summary>
    public volatile bool Faulty = true;

    /// <summary>How long the receiver thinks before it answers: a slow city keeps a delivery in flight (for restarts, races).</summary>
    public TimeSpan Delay = TimeSpan.Zero;

    public CityReceiver(string secret)
    {
        _secret = secret;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/city/feed";
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        var connections = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { break; }
            connections.Add(Task.Run(() => ServeAsync(socket)));
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var head = await ReadHeadAsync(stream);
                if (head is null) return;
                var lines = head.Split("\r\n");
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                    .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
                var length = int.Parse(headers.GetValueOrDefault("Content-Length", "0"));
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, _stop.Token);
                if (Delay > TimeSpan.Zero) await Task.Delay(Delay, _stop.Token);
                var status = Decide(headers, body);
                if (status == 0)
                {
                    socket.LingerState = new LingerOption(true, 0); // a reset, not a clean close
                    return;
                }
                var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "No")}\r\nContent-Length: 0\r\n\r\n");
                await stream.WriteAsync(answer, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException) { }
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) return null;
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
                return Encoding.ASCII.GetString(bytes.ToArray(), 0, bytes.Count - 4);
        }
        return null;
    }

    /// <summary>The answer's status, or 0 to reset the connection.</summary>
    private int Decide(Dictionary<string, string> headers, byte[] body)
    {
        var n = Interlocked.Increment(ref _requests);
        if (Down || Faulty && n % 4 == 1)
        {
            Interlocked.Increment(ref Refused);
            return 503;
        }
        if (Faulty && n % 7 == 0)
        {
            Interlocked.Increment(ref Dropped);
            return 0;
        }
        if (!Signature.Matches(headers.GetValueOrDefault(Signature.Header), body, _secret) ||
            headers.GetValueOrDefault("Content-Type")?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) != true)
        {
            Interlocked.Increment(ref BadSignatures);
            return 401;
        }
        var text = Encoding.UTF8.GetString(body);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var subject = root.GetProperty("subject").GetString()!;
        var arrival = new Arrival(root.GetProperty("id").GetString()!, Guid.TryParse(subject, out var hazard) ? hazard : Guid.Empty,
            root.TryGetProperty("hazardversion", out var version) ? version.GetInt64() : 0, root.GetProperty("type").GetString()!, text, subject);
        Arrivals.Enqueue(arrival);
        Unique.TryAdd(arrival.Id, arrival);
        if (Faulty && n % 4 == 2)
        {
            // Taken, but the answer never arrives: the sender must send it again, and the dedupe must catch it.
            Interlocked.Increment(ref Dropped);
            return 0;
        }
        return 200;
    }

    /// <summary>The hazard changes among <see cref="Unique"/> (the ledger's heads, sealed every minute, and the rest left out).</summary>
    public IReadOnlyDictionary<string, Arrival> HazardUnique =>
        Unique.Where(p => p.Value.Type.StartsWith(HazardFeedMessages.TypePrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

    public IReadOnlyList<Arrival> HazardArrivals => Arrivals.Where(a => a.Type.StartsWith(HazardFeedMessages.TypePrefix, StringComparison.Ordinal)).ToList();

    /// <summary>A hazard's messages as first taken, deduped by id.</summary>
    public IReadOnlyList<Arrival> FirstArrivalsOf(Guid hazardId)
    {
        var seen = new HashSet<string>();
        return Arrivals.Where(a => a.Subject == hazardId && seen.Add(a.Id)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { }
        _stop.Dispose();
    }
}
