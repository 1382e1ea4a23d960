using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// The one place where exceptions become problem details. Refusals map to 4xx; anything else is a real
/// fault: logged with the correlation id and answered with a 500 that carries no internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception);
        // A conflict on a request with an Idempotency-Key may be a lost race with a first attempt using the same key:
        // answer with the winner's response instead.
        if (problem?.Status == StatusCodes.Status409Conflict
            && await IdempotentCreate.SettleConflictAsync(context, exception, ct) is { } race)
        {
            if (race.Replay is { } replay)
            {
                logger.LogInformation("Replayed the first answer to {Method} {Path} after a concurrent attempt with the same Idempotency-Key",
                    context.Request.Method, context.Request.Path);
                await replay.ExecuteAsync(context);
                return true;
            }
            problem = Map(race.Problem!);
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled fault on {Method} {Path} (correlation {CorrelationId})",
                context.Request.Method, context.Request.Path, CorrelationId.Of(context));
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected fault occurred.",
                Detail = ProblemLanguage.Say("故障已记录；报告时请提供 correlationId。", "The fault was logged; quote the correlation id when reporting it.")
            };
        }
        else
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: {Detail}",
                context.Request.Method, context.Request.Path, problem.Status, problem.Detail ?? problem.Title);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        if (problem.Extensions.TryGetValue("retryAfterSeconds", out var seconds) && seconds is int s)
            context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception
        });
    }

    private static ProblemDetails? Map(Exception exception)
    {
        switch (exception)
        {
            case ValidationProblemException v:
                return new HttpValidationProblemDetails(v.Errors) { Status = 400, Title = v.Title };
            case ApiProblemException p:
            {
                var details = new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail };
                foreach (var (key, value) in p.Extensions) details.Extensions[key] = value;
                return details;
            }
            case ConcurrencyException c:
                return new ProblemDetails
                {
                    Status = 409, Title = "Conflict",
                    Detail = ProblemLanguage.Say("该记录已被他人修改；请重新读取，并以其当前版本重试。",
                        "The resource was changed by someone else; read it again and retry with its current version."),
                    Extensions = { ["streamId"] = c.Id?.ToString() }
                };
            case ExistingStreamIdCollisionException:
            case DocumentAlreadyExistsException:
                return new ProblemDetails { Status = 409, Title = "Conflict", Detail = ProblemLanguage.Say("该记录已存在。", "The resource already exists.") };
            case BadHttpRequestException b:
                return new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = b.Message };
        }

        if (FindPostgres(exception) is { SqlState: LedgerSchema.BrokenChainState })
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = ProblemLanguage.Say("账本链不完整", "Ledger chain broken"),
                Detail = ProblemLanguage.Say("此记录的账本哈希链有缺口（有事件在链触发器停用时写入），在管理员修复之前不能再追加；未保存任何更改。",
                    "The ledger chain of this stream has a gap (events were written while its trigger was off); nothing was changed. An administrator must repair it.")
            };
        }

        if (DatabaseUnavailable.Is(exception))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "服务暂不可用",
                Detail = ProblemLanguage.Say("数据库暂时无法访问或繁忙，请稍后重试；未保存任何更改。", "The database is unavailable or busy; nothing was changed. Retry shortly."),
                Extensions = { ["retryAfterSeconds"] = DatabaseUnavailable.RetryAfterSeconds }
            };
        }

        if (FindUniqueViolation(exception) is { } unique)
        {
            return new ProblemDetails
            {
                Status = 409, Title = "Conflict",
                Detail = ProblemLanguage.Say("已有相同唯一值的记录。", "A record with the same unique value already exists."),
                Extensions = { ["constraint"] = unique.ConstraintName }
            };
        }

        return null;
    }

    private static PostgresException? FindPostgres(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is PostgresException pg) return pg;
        return null;
    }

    private static PostgresException? FindUniqueViolation(Exception? e) =>
        FindPostgres(e) is { SqlState: PostgresErrorCodes.UniqueViolation } pg ? pg : null;
}

/// <summary>
/// The database is down, restarting or refusing connections: a 503 with <c>Retry-After</c>, not a 500, since the
/// client did nothing wrong and the same request will work once PostgreSQL is back (the transaction was rolled back).
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? e)
    {
        for (; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when IsUnavailable(pg):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                // A statement that outlived the command timeout (the soak found it: a backlog of commands waiting on one
                // enterprise's rows); Npgsql breaks the connection, so the server rolls the transaction back.
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    // 08: connection exceptions; 53300: too many connections; 57P01–57P03: shut down or starting up (57P03 "cannot
    // connect now" while restarting); and any FATAL error, which PostgreSQL raises only when it ends or refuses the
    // session (e.g. 55000 "database is not currently accepting connections"). Other errors are real faults: 500.
    private static bool IsUnavailable(PostgresException pg) =>
        pg.SqlState.StartsWith("08", StringComparison.Ordinal)
        || pg.SqlState is "53300" or "57P01" or "57P02" or "57P03"
        // Busy rather than down: cancelled by statement_timeout, a lock that could not be had, a deadlock or a
        // serialization failure. Each rolled the transaction back, and the same request can succeed when retried.
        || pg.SqlState is "57014" or "55P03" or "40P01" or "40001"
        || pg.InvariantSeverity is "FATAL" or "PANIC";
}
