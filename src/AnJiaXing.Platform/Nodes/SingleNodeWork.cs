using JasperFx;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace AnJiaXing.Platform.Nodes;

/// <summary>
/// Background work that must run on one node of the cluster at a time (ADR 0029): sealing ledger heads, sending the
/// city feed, the readings table's daily upkeep. Each is a Wolverine agent: the leader assigns it to one node, spreads
/// the works over the nodes, and starts it on a living node when its node stops answering. Work that each node needs
/// for itself (its cache's invalidation) stays an ordinary hosted service. During a takeover two nodes may overlap for
/// a moment, so a work that must never run twice at once also holds its own lock.
/// </summary>
public abstract class SingleNodeWork
{
    /// <summary>The agent's name, unique among the works: <c>anjiaxing-work://{Name}</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled: the node stopped, or the work moved elsewhere.</summary>
    public abstract Task RunAsync(CancellationToken stoppingToken);
}

public static class SingleNodeWorkRegistration
{
    /// <summary>Registers <typeparamref name="T"/> to run on one node of the cluster (every node in solo mode runs all).</summary>
    public static IServiceCollection AddSingleNodeWork<T>(this IServiceCollection services) where T : SingleNodeWork
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<SingleNodeWork>(sp => sp.GetRequiredService<T>());
        return services;
    }

    internal static IServiceCollection AddSingleNodeWorkFamily(this IServiceCollection services)
    {
        services.AddSingleton<IAgentFamily, SingleNodeWorkFamily>();
        return services;
    }
}

/// <summary>The works as one family of Wolverine agents, spread evenly over the nodes that have them.</summary>
internal sealed class SingleNodeWorkFamily(IEnumerable<SingleNodeWork> works, ILoggerFactory loggers) : IStaticAgentFamily
{
    public const string SchemeName = "anjiaxing-work";
    private readonly Dictionary<Uri, SingleNodeWork> _works = works.ToDictionary(w => UriFor(w.Name));

    public static Uri UriFor(string name) => new($"{SchemeName}://{name.ToLowerInvariant()}");

    public string Scheme => SchemeName;

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() => ValueTask.FromResult<IReadOnlyList<Uri>>([.. _works.Keys]);

    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => AllKnownAgentsAsync();

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime) =>
        _works.TryGetValue(uri, out var work)
            ? ValueTask.FromResult<IAgent>(new SingleNodeWorkAgent(uri, work, loggers.CreateLogger<SingleNodeWorkAgent>()))
            : throw new InvalidAgentException($"'{uri}' is not a known work; the works are {string.Join(", ", _works.Keys)}");

    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        assignments.DistributeEvenly(SchemeName);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One work while it is assigned to this node: started by the assignment, cancelled when it is taken away.</summary>
internal sealed class SingleNodeWorkAgent(Uri uri, SingleNodeWork work, ILogger<SingleNodeWorkAgent> logger) : IAgent
{
    private CancellationTokenSource? _stopping;
    private Task? _running;

    public Uri Uri => uri;
    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;
    public string Description => $"AnJiaXing work '{work.Name}', on one node at a time";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_running is { IsCompleted: false }) return Task.CompletedTask;
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        // Its own task, so a long-running work never holds up the node's agent assignments.
        _running = Task.Run(async () =>
        {
            try
            {
                await work.RunAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Status = AgentStatus.Paused;
                logger.LogError(e, "Work {Work} stopped with a fault; its agent is reported unhealthy", work.Name);
            }
        }, CancellationToken.None);
        Status = AgentStatus.Running;
        logger.LogInformation("Work {Work} started on this node", work.Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _running is null) return;
        await _stopping.CancelAsync();
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
        (_stopping, _running) = (null, null);
        Status = AgentStatus.Stopped;
        logger.LogInformation("Work {Work} stopped on this node", work.Name);
    }
}
