using System.Text.Json;
using Marten;
using Marten.Exceptions;

namespace AnJiaXing.Inspections.Knowledge;

/// <summary>A knowledge document shipped in <c>Knowledge/BuiltIn/*.json</c>: summaries of the criteria behind the built-in checklists.</summary>
public sealed record BuiltInKnowledgeDocument(string Key, string Title, KnowledgeCategory Category, IndustryDomain? Domain, string? Source, string Text)
{
    public Guid Id => StableId.For("knowledge:" + Key);

    public static IReadOnlyList<BuiltInKnowledgeDocument> Load()
    {
        var json = new JsonSerializerOptions();
        PlatformSetup.ConfigureJson(json);
        var assembly = typeof(BuiltInKnowledgeDocument).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("knowledge/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<List<BuiltInKnowledgeDocument>>(stream, json) ?? [];
            })
            .ToList();
    }
}

/// <summary>Publishes the built-in knowledge documents at start-up when absent (same rules as the built-in checklists).</summary>
public sealed class BuiltInKnowledgePublisher(IDocumentStore store, ILogger<BuiltInKnowledgePublisher> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "built-in-knowledge", ct);
        foreach (var builtIn in BuiltInKnowledgeDocument.Load())
        {
            await using var session = store.LightweightSession();
            if (await session.Events.FetchStreamStateAsync(builtIn.Id, ct) is not null) continue;

            session.LastModifiedBy = Actor.System.Name;
            session.Events.StartStream<KnowledgeDocument>(builtIn.Id, KnowledgeDocument.Publish(
                builtIn.Id, builtIn.Title, builtIn.Category, builtIn.Domain, builtIn.Source, builtIn.Text, Actor.System, builtIn.Key));
            try
            {
                await session.SaveChangesAsync(ct);
                logger.LogInformation("Published built-in knowledge document {Key}", builtIn.Key);
            }
            catch (ExistingStreamIdCollisionException)
            {
                // Another instance published it in the meantime.
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
