using Marten;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace AnJiaXing.Platform.Tenancy;

/// <summary>
/// Hands a message to a town module's handler in a town's database from the district (ADR 0030): the message carries
/// the town's tenant, so its handler's session opens the town's database, and it waits in that database's inbox.
/// <para>
/// It is committed here in a transaction of the town's database, not in the caller's: Wolverine keeps a message in the
/// inbox of the transaction that publishes it but marks it handled in the inbox of its tenant, so one published with a
/// town's tenant from a district transaction is never marked handled and runs again whenever the district's inbox is
/// recovered. A caller that must not lose the message with its own commit sends itself a district message in that commit
/// and calls this from the message's handler (the city platform's dispatches): at least once, so the town's handler
/// must be idempotent.
/// </para>
/// </summary>
public static class TownOutbox
{
    public static async Task PublishAsync<T>(IDocumentStore store, IWolverineRuntime runtime, string tenant, T message, CancellationToken ct)
        where T : notnull
    {
        await using var session = store.LightweightSession(tenant);
        var outbox = new MartenOutbox(runtime, session) { TenantId = tenant };
        await outbox.PublishAsync(message);
        await session.SaveChangesAsync(ct);
    }
}
