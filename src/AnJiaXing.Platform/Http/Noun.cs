namespace AnJiaXing.Platform.Http;

/// <summary>
/// The name of a kind of thing in both languages (e.g. 检查表 / Checklist), for the platform to build a 404 or a stale
/// version's 409 in the caller's language (<see cref="ProblemLanguage.Say"/>) without a module writing that sentence again.
/// </summary>
public sealed record Noun(string Zh, string En)
{
    public static readonly Noun Enterprise = new("企业", "Enterprise");
    public static readonly Noun Town = new("街镇", "Town");
}
