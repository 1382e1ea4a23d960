namespace AnJiaXing.Platform.Http;

/// <summary>
/// The <c>type</c> of every problem response: the RFC 9110 section of its status code, one base for all
/// (applied by <see cref="ProblemDetailsSetup"/>, so Wolverine's and ASP.NET's own problems carry it too).
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://tools.ietf.org/html/rfc9110#section-";

    private static readonly Dictionary<int, string> Sections = new()
    {
        [400] = "15.5.1", [401] = "15.5.2", [402] = "15.5.3", [403] = "15.5.4", [404] = "15.5.5", [405] = "15.5.6",
        [406] = "15.5.7", [407] = "15.5.8", [408] = "15.5.9", [409] = "15.5.10", [410] = "15.5.11", [411] = "15.5.12",
        [412] = "15.5.13", [413] = "15.5.14", [414] = "15.5.15", [415] = "15.5.16", [416] = "15.5.17", [417] = "15.5.18",
        [421] = "15.5.20", [422] = "15.5.21", [426] = "15.5.22",
        [500] = "15.6.1", [501] = "15.6.2", [502] = "15.6.3", [503] = "15.6.4", [504] = "15.6.5", [505] = "15.6.6"
    };

    public static string For(int status) =>
        Base + (Sections.TryGetValue(status, out var section) ? section : status >= 500 ? "15.6" : "15.5");
}
