using Marten;

namespace AnJiaXing.Platform.Demo;

/// <summary>
/// One feature's share of the demo data. Seeds run in <see cref="Order"/> on an empty store, each in its own
/// session, writing through the feature's domain code; what they create is handed on in <see cref="DemoContext"/>.
/// </summary>
public interface IDemoSeed
{
    int Order { get; }
    Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct);
}
