using Microsoft.AspNetCore.Mvc;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// A backstop behind <see cref="RequestBindingGuard"/>: should Wolverine's own binding still refuse a request (its
/// "Invalid JSON format" and "Invalid query string value" problems, whose detail carries parser and .NET type text),
/// the problem is rewritten into the same shape as the guard's — an <c>errors</c> map with a Chinese message.
/// </summary>
public static class BindingProblems
{
    public static void Rewrite(ProblemDetails problem)
    {
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Extensions.ContainsKey("errors")) return;

        switch (problem.Title)
        {
            case "Invalid JSON format":
                problem.Title = RequestBindingGuard.Title;
                problem.Detail = ProblemLanguage.Say("请求体不是有效的 JSON，或与所需的结构不符。", "The body is not valid JSON or does not have the expected structure.");
                problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [ProblemLanguage.Say("请求体无法解析", "The body cannot be read")] };
                break;
            case "Invalid query string value":
                var field = problem.Extensions.TryGetValue("parameter", out var p) && p is string name ? name : "query";
                problem.Title = RequestBindingGuard.Title;
                problem.Detail = ProblemLanguage.Say("请求的参数无效，详见 errors。", "The request's parameters are not valid; see errors.");
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [ProblemLanguage.Say($"{field}: 无效的取值", $"{field}: not a valid value")] };
                break;
        }
    }
}
