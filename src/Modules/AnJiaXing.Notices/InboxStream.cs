using System.Security.Claims;
using System.Text.Json;
using Marten;
using Marten.Linq.LastModified;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace AnJiaXing.Notices;

public static class InboxStreamEndpoint
{
    /// <summary>
    /// The caller's inbox, live (Server-Sent Events): every item that reaches the caller from now on is pushed once as an
    /// <c>inbox</c> event whose data is the <see cref="InboxItem"/> and whose id is the item's. Authenticated by the bearer
    /// header like every route; a browser reads it with <c>fetch</c> and a stream reader (EventSource cannot send the
    /// header, and a token in the URL would end up in logs).
    /// </summary>
    [Authorize]
    [WolverineGet("/api/inbox/stream", OperationId = "InboxStream")]
    public static IResult Get(ClaimsPrincipal user) => new InboxStreamResult(Caller.From(user).UserId);
}

/// <summary>
/// Streams one person's new inbox items. Items are written by commands, the daemon and handlers on any node, so the stream
/// polls the store: unread items of this person changed since the last poll, less a margin that covers transactions
/// which began earlier and committed late (an item's modification time is its transaction's start), minus what it sent.
/// Items there when the stream opened are not new and are not sent.
/// </summary>
public sealed class InboxStreamResult(Guid userId) : IResult
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        // Proxies (nginx) buffer responses unless told not to.
        http.Response.Headers["X-Accel-Buffering"] = "no";

        var sent = new HashSet<Guid>();
        var since = await DatabaseNowAsync(store, ct);
        foreach (var item in await ChangedSinceAsync(store, since - Margin, ct)) sent.Add(item.Id);
        await http.Response.WriteAsync($"retry: 3000\n: inbox of {userId:N}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        var quiet = TimeSpan.Zero;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, ct);
                var now = await DatabaseNowAsync(store, ct);
                var fresh = (await ChangedSinceAsync(store, since - Margin, ct)).Where(i => sent.Add(i.Id)).ToList();
                since = now;
                foreach (var item in fresh)
                    await http.Response.WriteAsync($"id: {item.Id}\nevent: inbox\ndata: {JsonSerializer.Serialize(item, json)}\n\n", ct);
                quiet = fresh.Count > 0 ? TimeSpan.Zero : quiet + PollInterval;
                if (quiet >= KeepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    quiet = TimeSpan.Zero;
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task<IReadOnlyList<InboxItem>> ChangedSinceAsync(IDocumentStore store, DateTimeOffset since, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var me = userId;
        return await session.Query<InboxItem>().Where(i => i.UserId == me && i.ReadAt == null && i.ModifiedSince(since))
            .OrderBy(i => i.ReceivedAt).ToListAsync(ct);
    }

    /// <summary>The database's clock: modification times are its, not this node's.</summary>
    private static async Task<DateTimeOffset> DatabaseNowAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<DateTimeOffset>("select now()", ct)).Single();
    }
}
