using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// Chinese first (ADR 0007): the request's culture is zh-CN unless it asks for English (<c>Accept-Language: en</c>).
/// FluentValidation's built-in messages follow the culture by themselves; problem titles that are still the generic
/// English ones, and the bare 401, get their words here, once for every module.
/// </summary>
public static partial class ProblemLanguage
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddAnJiaXingLocalization(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = o.SupportedUICultures = [Chinese, CultureInfo.GetCultureInfo("zh"), English];
            o.FallBackToParentCultures = o.FallBackToParentUICultures = true;
            // Only the header decides: no query-string or cookie switch for an API.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>
    /// A message written in a module (an aggregate's refusal, an import row's error) in the request's language: the
    /// Chinese unless the caller asked for English. The one way a module words a message for both, so no module keeps a
    /// language switch of its own. The culture flows with the request into aggregates, validators and in-process handlers.
    /// </summary>
    public static string Say(string zh, string en) => IsEnglish ? en : zh;

    private static readonly Dictionary<int, (string Zh, string En)> Titles = new()
    {
        [400] = ("请求无效", "Bad request"),
        [401] = ("未登录", "Unauthorized"),
        [403] = ("无权操作", "Forbidden"),
        [404] = ("未找到", "Not found"),
        [405] = ("不支持的请求方法", "Method not allowed"),
        [409] = ("冲突", "Conflict"),
        [413] = ("文件过大", "Payload too large"),
        [415] = ("不支持的文件类型", "Unsupported media type"),
        [422] = ("幂等键已被另一个请求使用", "Idempotency-Key reused"),
        [429] = ("请求过于频繁", "Too many requests"),
        [500] = ("服务器内部错误", "An unexpected fault occurred."),
        [503] = ("服务暂不可用", "Service unavailable")
    };

    /// <summary>Puts a problem into the request's language where its words are the platform's generic ones.</summary>
    public static void Apply(ProblemDetails problem, HttpContext http)
    {
        var status = problem.Status ?? http.Response.StatusCode;
        var english = IsEnglish;
        if (problem is HttpValidationProblemDetails && status == 400)
            problem.Title = english ? "One or more validation errors occurred." : "请求参数未通过校验";
        else if (Titles.TryGetValue(status, out var words) && (problem.Title is null || english != !HasChinese(problem.Title)))
            problem.Title = english ? (HasChinese(problem.Title) ? words.En : problem.Title ?? words.En) : words.Zh;

        if (status == 401 && problem.Detail is null)
            problem.Detail = english
                ? "Sign in first: send a valid access token as 'Authorization: Bearer <token>' (POST /api/auth/token)."
                : "请先登录：在请求头 Authorization: Bearer <令牌> 中提供有效的访问令牌（POST /api/auth/token 取得）。";
        if (status == 403 && problem.Detail is null)
            problem.Detail = english ? "Your role may not do this." : "您的角色无权执行此操作。";
    }

    private static bool HasChinese(string? text) => text is not null && ChineseText().IsMatch(text);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseText();
}
