using Marten;
using Marten.Exceptions;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// Publishes the built-in checklists at start-up through the domain code when their stream is absent. Keyed by a
/// stable id, so restarts, several instances and later edits by district admins are all left alone.
/// </summary>
public sealed class BuiltInChecklistPublisher(IDocumentStore store, ILogger<BuiltInChecklistPublisher> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var builtIn in BuiltInChecklists.Load())
        {
            await using var session = store.LightweightSession();
            if (await session.Events.FetchStreamStateAsync(builtIn.Id, ct) is not null) continue;

            session.LastModifiedBy = Actor.System.Name;
            session.Events.StartStream<Checklist>(builtIn.Id,
                Checklist.Publish(builtIn.Id, builtIn.Name, builtIn.Kind, builtIn.Domain, builtIn.Items, Actor.System, builtIn.Key));
            try
            {
                await session.SaveChangesAsync(ct);
                logger.LogInformation("Published built-in checklist {Key} ({Count} items)", builtIn.Key, builtIn.Items.Count);
            }
            catch (ExistingStreamIdCollisionException)
            {
                // Another instance published it in the meantime: the outcome is the same.
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
