using System.Globalization;
using AnJiaXing.Platform.Http;
using AnJiaXing.Platform.Idempotency;

namespace AnJiaXing.UnitTests.Language;

/// <summary>
/// Platform messages in one language per caller (issue 13): the request's UI culture picks the Chinese or the English,
/// never both in one string. The Idempotency-Key race is hard to reach through HTTP on purpose, so its words are pinned here.
/// </summary>
public class ProblemWordsTests
{
    private static string In(CultureInfo culture, Func<string> words)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return words(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void the_idempotency_key_still_in_progress_speaks_one_language()
    {
        Assert.Equal("同一 Idempotency-Key 的请求正在处理，请稍后重试。", In(ProblemLanguage.Chinese, () => IdempotentCreate.StillInProgress));
        Assert.Equal("A request with the same Idempotency-Key is still in progress; retry shortly.",
            In(ProblemLanguage.English, () => IdempotentCreate.StillInProgress));
    }

    [Fact]
    public void a_not_found_names_the_noun_of_the_callers_language_only()
    {
        var noun = new Noun("应急演练", "Drill");
        var zh = In(ProblemLanguage.Chinese, () => ApiProblemException.NotFound(noun, "42").Detail!);
        var en = In(ProblemLanguage.English, () => ApiProblemException.NotFound(noun, "42").Detail!);
        Assert.Equal("应急演练“42”不存在。", zh);
        Assert.Equal("Drill '42' does not exist.", en);
    }
}
