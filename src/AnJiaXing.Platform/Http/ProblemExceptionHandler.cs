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
                Detail = "The fault was logged; quote the correlation id when reporting it."
            };
        }
        else
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: {Detail}",
                context.Request.Method, context.Request.Path, problem.Status, problem.Detail ?? problem.Title);
        }

        context.Response.StatusCode = problem.Status ?? 500;
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
                    Detail = "The resource was changed by someone else; read it again and retry with its current version.",
                    Extensions = { ["streamId"] = c.Id?.ToString() }
                };
            case ExistingStreamIdCollisionException:
            case DocumentAlreadyExistsException:
                return new ProblemDetails { Status = 409, Title = "Conflict", Detail = "The resource already exists." };
            case BadHttpRequestException b:
                return new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = b.Message };
        }

        if (FindUniqueViolation(exception) is { } unique)
        {
            return new ProblemDetails
            {
                Status = 409, Title = "Conflict",
                Detail = "A record with the same unique value already exists.",
                Extensions = { ["constraint"] = unique.ConstraintName }
            };
        }

        return null;
    }

    private static PostgresException? FindUniqueViolation(Exception? e)
    {
        for (; e != null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg) return pg;
            if (e is MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } inner }) return inner;
        }
        return null;
    }
}
