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
}
