/// <summary>
/// A client of several nodes of the service (issue 20, scripts/scale.sh): URL may list several base addresses separated
/// by commas, and each request goes to the next node in turn, as a load balancer would send it. A node that refuses a
/// connection is passed over for two seconds and the request goes to the next one, so a node killed in the middle of a
/// run costs only the requests it had in flight (the clients retry those).
/// </summary>
public static class Nodes
{
    public static HttpClient Client(string urls, SocketsHttpHandler inner, TimeSpan? timeout = null)
    {
        var bases = urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToArray();
        HttpMessageHandler handler = bases.Length == 1 ? inner : new RoundRobin(bases, inner);
        var http = new HttpClient(handler) { BaseAddress = bases[0] };
        if (timeout is { } t) http.Timeout = t;
        return http;
    }

    private sealed class RoundRobin(Uri[] nodes, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _next;
        private readonly long[] _downUntil = new long[nodes.Length];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            // A refused connection never reached a node, so the next node may take it (even a POST), as a balancer would.
            for (var attempt = 0; ; attempt++)
            {
                var now = Environment.TickCount64;
                var pick = -1;
                for (var i = 0; i < nodes.Length && pick < 0; i++)
                {
                    var n = (int)((uint)Interlocked.Increment(ref _next) % nodes.Length);
                    if (Volatile.Read(ref _downUntil[n]) <= now) pick = n;
                }
                if (pick < 0) pick = (int)((uint)Interlocked.Increment(ref _next) % nodes.Length);
                var node = nodes[pick];
                request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = node.Scheme, Host = node.Host, Port = node.Port }.Uri;
                try
                {
                    return await base.SendAsync(request, ct);
                }
                catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
                {
                    Volatile.Write(ref _downUntil[pick], Environment.TickCount64 + 2000);
                    if (attempt + 1 >= nodes.Length) throw;
                }
            }
        }
    }
}
