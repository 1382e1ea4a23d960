using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using AnJiaXing.IntegrationTests.Monitoring;
using AnJiaXing.Monitoring.Devices;

namespace AnJiaXing.IntegrationTests.Tenancy;

/// <summary>
/// Monitoring when towns have databases of their own (ADR 0030): a town's sensor is authenticated against its town's
/// database, its readings, point states and alarms are written there, the district reads the alarm's copy and the
/// readings where they are, and a point's code stays unique across towns.
/// </summary>
[Collection(TownDatabasesCollection.Name)]
public class when_towns_have_devices_of_their_own(TownDatabasesFixture app)
{
    private const string S = "anjiaxing";

    private async Task<Guid> EnterpriseOf(string username) =>
        (await (await app.As(username, s => s.Get.Url("/api/me"))).ReadAsJsonAsync<JsonElement>()).GetProperty("organisationId").GetGuid();

    private async Task<(Guid Device, string Key)> SensorAsync(string username, string code)
    {
        var enterpriseId = await EnterpriseOf(username);
        await app.As(username, s =>
        {
            s.Post.Json(MonitoringFixture.Source(enterpriseId, MonitoringFixture.Point(code))).ToUrl("/api/major-hazard-sources");
            s.StatusCodeShouldBe(201);
        });
        var device = (await app.As(username, s =>
        {
            s.Post.Json(new { enterpriseId, kind = "Sensor", name = $"{code} 液位计", monitoringPointCodes = new[] { code } }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(201);
        })).Json();
        return (device.GetProperty("id").GetGuid(), device.GetProperty("deviceKey").GetString()!);
    }

    private Task<IScenarioResult> SendAsync(string key, object[] readings, int status = 202) => app.Host.Scenario(s =>
    {
        s.Post.Text(JsonSerializer.Serialize(readings)).ToUrl("/api/telemetry");
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithRequestHeader(DeviceKeys.Header, key);
        s.StatusCodeShouldBe(status);
    });

    private static string Readings(string code) => $"select count(*) from {S}.monitoring_readings where point_code = '{code}'";

    [Fact]
    public async Task a_towns_sensor_writes_its_readings_and_alarms_in_its_towns_database()
    {
        var (device, key) = await SensorAsync("ent.demo1", "TWN-NX-1");
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_doc_devicecredential where id = '{device}'"));
        Assert.Equal("0", await app.ScalarAsync($"select count(*) from {S}.mt_doc_devicecredential where id = '{device}'"));
        // The key is recognised at once, before the device's events have been copied to the district.
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var accepted = (await SendAsync(key, MonitoringFixture.Readings("TWN-NX-1", start, 5, 5.5, 8.4, 8.6))).Json();
        Assert.Equal(4, accepted.GetProperty("accepted").GetInt32());
        Assert.Equal(1, accepted.GetProperty("alarmsRaised").GetInt32());

        Assert.Equal("4", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, Readings("TWN-NX-1")));
        Assert.Equal("0", await app.ScalarAsync(Readings("TWN-NX-1")));
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_doc_pointalarmstate where id = 'TWN-NX-1'"));
        var alarm = Guid.Parse((await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase,
            $"select id from {S}.mt_doc_alarmview where data ->> 'pointCode' = 'TWN-NX-1'"))!);
        Assert.Equal("0", await app.ScalarAsync($"select count(*) from {S}.mt_events where stream_id = '{alarm}' and headers ->> 'origin' is null"));

        // The district reads the alarm's copy, and the point's readings from the town's database.
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, $"select count(*) from {S}.mt_doc_alarmview where id = '{alarm}'", "1"));
        var alarms = await (await app.As("district.admin", s => s.Get.Url("/api/alarms?point=TWN-NX-1"))).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(alarm, alarms.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        foreach (var reader in new[] { "district.admin", "town.nanxiang" })
        {
            var read = await (await app.As(reader, s => s.Get.Url($"/api/monitoring-points/TWN-NX-1/readings?from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}")))
                .ReadAsJsonAsync<JsonElement>();
            Assert.Equal(4, read.GetProperty("readings").GetArrayLength());
        }
        await app.As("town.anting", s => { s.Get.Url("/api/monitoring-points/TWN-NX-1/readings"); s.StatusCodeShouldBe(404); });

        // The district handles the alarm: the event goes to the town's stream.
        var version = (await app.As("district.admin", s => s.Get.Url($"/api/alarms/{alarm}"))).Json().GetProperty("version").GetInt64();
        await app.As("district.admin", s =>
        {
            s.Post.Json(new { remarks = "已通知企业核查", expectedVersion = version }).ToUrl($"/api/alarms/{alarm}/acknowledge");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal("2", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_events where stream_id = '{alarm}'"));
    }

    [Fact]
    public async Task a_key_is_refused_in_every_database_once_revoked_and_a_point_code_stays_unique_across_towns()
    {
        var (device, key) = await SensorAsync("ent.demo1", "TWN-NX-2");
        await SendAsync(key, MonitoringFixture.Readings("TWN-NX-2", DateTimeOffset.UtcNow.AddMinutes(-1), 5));
        // A forged key naming the device with another secret is refused like an unknown one.
        await SendAsync($"ajx1.{device:N}.{new string('A', 43)}", MonitoringFixture.Readings("TWN-NX-2", DateTimeOffset.UtcNow, 5), 401);

        await app.As("ent.demo1", s => { s.Post.Json(new { reason = "设备更换" }).ToUrl($"/api/devices/{device}/revoke-key"); s.StatusCodeShouldBe(200); });
        await SendAsync(key, MonitoringFixture.Readings("TWN-NX-2", DateTimeOffset.UtcNow, 5), 401);
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, Readings("TWN-NX-2")));

        // 安亭镇's database never held 南翔镇's point, but the district has every town's.
        await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, $"select count(*) from {S}.mt_doc_monitoringpoint where id = 'TWN-NX-2'", "1");
        var anting = await EnterpriseOf("ent.demo3");
        await app.As("ent.demo3", s =>
        {
            s.Post.Json(MonitoringFixture.Source(anting, MonitoringFixture.Point("TWN-NX-2"))).ToUrl("/api/major-hazard-sources");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.AntingDatabase, $"select count(*) from {S}.mt_doc_monitoringpoint where id = 'TWN-NX-2'"));
    }
}
