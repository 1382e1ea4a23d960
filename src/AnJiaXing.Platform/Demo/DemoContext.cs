
namespace AnJiaXing.Platform.Demo;

/// <summary>What earlier demo seeds created, for later ones to build on.</summary>
public sealed class DemoContext
{
    /// <summary>How much to seed: a seed adds its district-scale share only when asked (the tests seed the small district).</summary>
    public DemoScale Scale { get; init; } = DemoScale.Small;

    public Dictionary<string, Organisation> Organisations { get; } = new();
    public Dictionary<string, Person> Accounts { get; } = new();

    /// <summary>Free-form hand-over between seeds of later features (enterprises, hazards, …).</summary>
    public Dictionary<string, object> Items { get; } = new();
}
