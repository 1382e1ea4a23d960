using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using Marten;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// While PostgreSQL refuses connections the service answers 503 problem details with Retry-After — not 500 — and
/// readiness is false; nothing is appended; once the database is back the same request works without a restart.
/// </summary>
public class when_the_database_is_unavailable(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task SetConnectionsAsync(bool allowed)
    {
        var target = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        var sql = $"alter database \"{target.Database}\" with allow_connections {(allowed ? "true" : "false")};"
                  + (allowed ? "" : $" select pg_terminate_backend(pid) from pg_stat_activity where datname = '{target.Database}' and pid <> pg_backend_pid();");
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task commands_answer_503_with_retry_after_and_the_service_recovers_by_itself()
    {
        var token = await app.TokenFor("ent.a1");
        var correlation = AppFixture.NewCorrelation();
        await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });

        await SetConnectionsAsync(false);
        try
        {
            // The pool's connections were terminated too: whichever the request meets, the answer is the same.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var refused = await app.Host.Scenario(s =>
                {
                    s.WithRequestHeader("Authorization", $"Bearer {token}");
                    s.WithRequestHeader("X-Correlation-Id", correlation);
                    s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals)).ToUrl("/api/hazards");
                    s.StatusCodeShouldBe(503);
                });
                Assert.Equal("application/problem+json", refused.Context.Response.ContentType?.Split(';')[0]);
                Assert.True(int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()) > 0);
                var problem = JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement;
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains("数据库", problem.GetProperty("detail").GetString());
            }
            await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(503); });
        }
        finally
        {
            await SetConnectionsAsync(true);
        }

        Assert.Equal(0, await app.EventsOfAsync(correlation));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int status;
        do
        {
            var retried = await app.Host.Scenario(s =>
            {
                s.WithRequestHeader("Authorization", $"Bearer {token}");
                s.WithRequestHeader("X-Correlation-Id", correlation);
                s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals)).ToUrl("/api/hazards");
                s.IgnoreStatusCode();
            });
            status = retried.Context.Response.StatusCode;
            Assert.True(status is 201 or 503, $"while recovering only 201 or 503, not {status}");
            if (status != 201) await Task.Delay(250);
        } while (status != 201 && DateTime.UtcNow < deadline);
        Assert.Equal(201, status);
        Assert.Equal(1, await app.EventsOfAsync(correlation));
        await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
    }
}
