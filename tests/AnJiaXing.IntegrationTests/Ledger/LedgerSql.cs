using System.Diagnostics;
using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>Direct SQL against the store: what someone with write access to the database could do.</summary>
public static class LedgerSql
{
    public static async Task ExecuteAsync(this HazardFixture app, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this HazardFixture app, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What a forger with write access would do: recompute the stored hash so the chain still looks whole.</summary>
    public static async Task RecomputeHashAsync(this HazardFixture app, Guid stream, long version)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""
            select e.type, e.data::text, e.headers::text, e.user_name, e.correlation_id, e.causation_id, e.timestamp, l.previous_hash
            from anjiaxing.mt_events e join anjiaxing.ledger_entries l on l.seq_id = e.seq_id where e.stream_id = $1 and e.version = $2
            """, connection);
        read.Parameters.AddWithValue(stream);
        read.Parameters.AddWithValue(version);
        string hash;
        await using (var r = await read.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            hash = LedgerHash.Of(LedgerHash.Canonical(stream, version, r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc), r.GetString(7)));
        }
        await using var write = new NpgsqlCommand("update anjiaxing.ledger_entries set hash = $3 where stream_id = $1 and version = $2", connection);
        write.Parameters.AddWithValue(stream);
        write.Parameters.AddWithValue(version);
        write.Parameters.AddWithValue(hash);
        await write.ExecuteNonQueryAsync();
    }

    /// <summary>The service's development signing key file in the tests' data folder (its public half is the trust anchor).</summary>
    public static string SigningKeyFile => Path.Combine(Path.GetTempPath(), "anjiaxing-test-data", LedgerOptions.DefaultKeyFile);

    /// <summary>
    /// Runs <c>AnJiaXing.Api ledger … --json</c> as a process: the exit code and the JSON it printed. Stdout must be that
    /// one JSON document and nothing else (issue 13: <c>ledger verify --json | jq</c>).
    /// </summary>
    public static async Task<(int ExitCode, JsonElement Result, string Output)> LedgerCliAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AnJiaXing.Api.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var a in new[] { dll, "ledger" }.Concat(arguments).Append("--json")) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        JsonElement result;
        try
        {
            result = JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON document ({e.Message}):\n{output}\nstderr:\n{await stderr}");
        }
        return (process.ExitCode, result, output);
    }
}
