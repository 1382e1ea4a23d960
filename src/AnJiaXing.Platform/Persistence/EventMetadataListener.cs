using System.Security.Claims;
using Marten;
using Marten.Services;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// Stamps every appended event, of every stream type, with who appended it and from where: user name,
/// correlation id and the client's user agent and address as headers. One store-wide listener, so no feature
/// can forget it. Work without an HTTP request (seeding, background processing) is stamped as the system.
/// </summary>
public sealed class EventMetadataListener(IHttpContextAccessor accessor, LedgerGuard ledger) : DocumentSessionListenerBase
{
    public const string ActorIdHeader = "actorId";
    public const string ActorRoleHeader = "actorRole";
    public const string OrganisationIdHeader = "organisationId";
    public const string UserAgentHeader = "userAgent";
    public const string ClientIpHeader = "clientIp";
    public const string DecidedAgainstVersionHeader = "decidedAgainstVersion";

    // Events name their actor in a "By" member; looked up once per event type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo?> ByMembers = new();

    private static Actor? ActorOf(object data) =>
        ByMembers.GetOrAdd(data.GetType(), t => t.GetProperty("By", typeof(Actor)))?.GetValue(data) as Actor;

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0) return;
        await ledger.RequireChainAsync(session.Database, token);

        var http = accessor.HttpContext;
        var user = http?.User;
        string Claim(string type) => user?.FindFirstValue(type) ?? "";
        var authenticated = user?.Identity?.IsAuthenticated == true;
        var userName = authenticated ? Claim(AnJiaXingClaims.Username) : session.LastModifiedBy ?? Actor.System.Name;
        var correlation = http is null ? session.CorrelationId : CorrelationId.Of(http);

        foreach (var (stream, @event) in streams.SelectMany(s => s.Events.Select(e => (s, e))))
        {
            // A copy from another database (ADR 0030) keeps what its original was stamped with.
            if (!Tenancy.TownReplication.IsOriginal(@event)) continue;
            // The stream version the command saw when it decided (0 for a new stream).
            var decidedAgainst = stream.ExpectedVersionOnServer ?? (stream.ActionType == JasperFx.Events.StreamActionType.Start ? 0 : null);
            if (decidedAgainst is { } v) @event.SetHeader(DecidedAgainstVersionHeader, v);

            @event.UserName ??= userName;
            // In a request the request's own id wins over the one Wolverine put on the session (its trace id): an event
            // must be found by the X-Correlation-Id its client, the logs and the problem body all show.
            if (http is not null) @event.CorrelationId = correlation;
            else @event.CorrelationId ??= correlation;
            if (authenticated)
            {
                @event.SetHeader(ActorIdHeader, Claim(AnJiaXingClaims.UserId));
                @event.SetHeader(ActorRoleHeader, Claim(AnJiaXingClaims.Role));
                @event.SetHeader(OrganisationIdHeader, Claim(AnJiaXingClaims.OrganisationId));
            }
            else if (@event.GetHeader(ActorIdHeader) is null)
            {
                // Work outside a request acts as the system unless its code named the actor (demo seeds, imports).
                @event.SetHeader(ActorIdHeader, ActorOf(@event.Data)?.Id.ToString() ?? Actor.System.Id.ToString());
            }

            if (Ledger.PersonalSignature.Of(http) is { } signature)
                @event.SetHeader(Ledger.PersonalSignature.Header, signature.ToHeader());

            if (http is not null)
            {
                @event.SetHeader(UserAgentHeader, http.Request.Headers.UserAgent.ToString());
                @event.SetHeader(ClientIpHeader, http.Connection.RemoteIpAddress?.ToString() ?? "");
            }
        }
    }
}
