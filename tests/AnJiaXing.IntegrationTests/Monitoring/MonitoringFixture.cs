using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Monitoring;

/// <summary>
/// The demo district; ent.demo1's enterprise (上海嘉翔精细化工, 南翔镇, hazardous chemicals) gets the major hazard sources.
/// Each test registers its own source with its own point codes, so tests in the class do not share alarm state.
/// </summary>
public class MonitoringFixture : AppFixture
{
    public Guid Chemicals { get; private set; }
    public Guid Metals { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Chemicals = Guid.Parse((await As("ent.demo1", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetString()!);
        Metals = Guid.Parse((await As("ent.demo2", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetString()!);
    }

    public static object Point(string code, double? low = 2, double? high = 8, double? deadband = 0.5) =>
        new { code, quantity = "液位", unit = "m", lowLow = low is null ? (double?)null : low - 1, low, high, highHigh = high is null ? (double?)null : high + 1, deadband };

    public static object Source(Guid enterpriseId, params object[] points) => new
    {
        enterpriseId, name = "甲醇储罐区", alpha = 1.5m,
        substances = new[] { new { name = "液氯", quantity = 10m, criticalQuantity = 5m, beta = 4m }, new { name = "甲醇", quantity = 250m, criticalQuantity = 500m, beta = 1m } },
        monitoringPoints = points
    };

    public async Task<Guid> RegisterSource(string username, object body)
    {
        var result = await As(username, s => { s.Post.Json(body).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(201); });
        return result.Json().GetProperty("id").GetGuid();
    }

    /// <summary>A source with one point and a sensor bound to it: the device's id and key.</summary>
    public async Task<(Guid Device, string Key)> SensorFor(string code, double? deadband = 0.5)
    {
        await RegisterSource("ent.demo1", Source(Chemicals, Point(code, deadband: deadband)));
        var device = (await As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = Chemicals, kind = "Sensor", name = $"{code} 液位计", monitoringPointCodes = new[] { code } }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(201);
        })).Json();
        return (device.GetProperty("id").GetGuid(), device.GetProperty("deviceKey").GetString()!);
    }

    public static object[] Readings(string code, DateTimeOffset start, params double[] values) =>
        values.Select((v, i) => (object)new { point = code, value = v, at = start.AddSeconds(i) }).ToArray();

    public Task<IScenarioResult> Send(string? key, string body, int status) => Host.Scenario(s =>
    {
        s.Post.Text(body).ToUrl("/api/telemetry");
        s.WithRequestHeader("Content-Type", "application/json");
        if (key is not null) s.WithRequestHeader(DeviceKeys.Header, key);
        s.StatusCodeShouldBe(status);
    });

    public Task<IScenarioResult> Send(string key, object[] readings, int status = 202) => Send(key, JsonSerializer.Serialize(readings), status);

    public async Task<long> StoredReadings(string code)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {ReadingsTable.Qualified} where point_code = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<JsonElement>> Alarms(string username, string query) =>
        (await As(username, s => s.Get.Url($"/api/alarms?{query}"))).Json().GetProperty("items").EnumerateArray().ToList();

    public ReadingsTable Table => Host.Services.GetRequiredService<ReadingsTable>();
}
