using Marten;

namespace AnJiaXing.Api.Demo;

/// <summary>Placeholder replaced below.</summary>
public sealed class InspectionDemoSeed : IDemoSeed
{
    public int Order => 40;
    public Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct) => Task.CompletedTask;
}
