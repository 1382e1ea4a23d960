using Marten;
using JasperFx;
using Marten.Exceptions;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// Publishes the built-in checklists at start-up through the domain code: version 1 when their stream is absent (keyed by
/// a stable id, so restarts and several instances publish once). A shipped edition whose content differs from what the
/// system published before becomes a new version of the same stream (ADR 0014: never an overwrite, so inspections that
/// pinned the earlier version keep reading it). A checklist a district admin revised or retired is theirs and left alone.
/// </summary>
public sealed class BuiltInChecklistPublisher(IDocumentStore store, ILogger<BuiltInChecklistPublisher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => PublishAsync(BuiltInChecklists.Load(), ct);

    public async Task PublishAsync(IReadOnlyList<BuiltInChecklist> builtIns, CancellationToken ct)
    {
        // Nodes started together publish one after the other; the later ones find the streams and their editions.
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "built-in-checklists", ct);
        foreach (var builtIn in builtIns)
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = Actor.System.Name;
            var state = await session.Events.FetchStreamStateAsync(builtIn.Id, ct);
            if (state is null)
            {
                session.Events.StartStream<Checklist>(builtIn.Id,
                    Checklist.Publish(builtIn.Id, builtIn.Name, builtIn.Kind, builtIn.Domain, builtIn.Items, Actor.System, builtIn.Key));
                await SaveAsync(session, builtIn, "Published built-in checklist {Key} ({Count} items)", ct);
                continue;
            }

            var current = await session.LoadAsync<Checklist>(builtIn.Id, ct);
            if (current is null || current.Retired || current.UpdatedBy != Actor.System.Name) continue;
            if (current.Revise(builtIn.Name, builtIn.Items, builtIn.Note ?? "内置检查表更新", Actor.System) is not { } revised) continue;
            session.Events.Append(builtIn.Id, state.Version + 1, revised);
            await SaveAsync(session, builtIn, "Published a new edition of built-in checklist {Key} ({Count} items)", ct);
        }
    }

    private async Task SaveAsync(IDocumentSession session, BuiltInChecklist builtIn, string message, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            logger.LogInformation(message, builtIn.Key, builtIn.Items.Count);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or ConcurrencyException)
        {
            // Another instance published it in the meantime: the outcome is the same.
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
