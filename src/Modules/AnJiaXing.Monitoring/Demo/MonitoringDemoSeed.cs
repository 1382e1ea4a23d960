using Marten;

namespace AnJiaXing.Monitoring.Demo;

/// <summary>
/// Monitoring for three chemical enterprises of the demo district — 上海嘉翔精细化工 (南翔镇, ent.demo1), 上海华亭气体 (安亭镇)
/// and 上海安亭化学试剂 (新成路街道): one major hazard source of each grade (graded by GB 18218-2018 from the substances),
/// monitoring points and a sensor each, a few equipment items and certificates expired, expiring within 30 days or
/// later, and readings that cross thresholds through the real ingest (three alarms, one acknowledged), so the
/// dashboard's 监测预警 panels have something to show. <c>AnJiaXing:Monitoring:DemoSeed=false</c> leaves it out (tests that
/// count exactly what they register).
/// </summary>
public sealed class MonitoringDemoSeed(TimeProvider clock, IConfiguration configuration, ReadingsTable readings, TelemetryIngest ingest) : IDemoSeed
{
    public int Order => 60;

    private sealed record Site(
        string Enterprise,
        (string Name, decimal Alpha, HazardousSubstance[] Substances, MonitoringPointSpec[] Points)[] Sources,
        (string Name, string Kind, string Code, string Location, int ExpiresInDays)[] Equipment,
        (string Holder, string Kind, string Number, int ExpiresInDays)[] Certificates,
        (string Point, double Value)[] Crossings,
        bool AcknowledgeAlarms);

    // R = α · Σ β·q/Q: 1.5 × 4 × 100/5 = 120 (一级); 1.2 × (5000/500 + 2000/500) = 16.8 (三级); 2.0 × 2 × 150/10 = 60 (二级);
    // 1.0 × 600/500 = 1.2 (四级).
    private static readonly Site[] Sites =
    [
        new("上海嘉翔精细化工有限公司",
            [
                ("液氯储罐区", 1.5m, [new("氯", 100m, 5m, 4m)],
                    [new("JX-CL2-LT01", "液位", "%", null, 10, 80, 90, null), new("JX-CL2-AT01", "氯气浓度", "ppm", null, null, 1, 3, null)]),
                ("甲醇罐区", 1.2m, [new("甲醇", 5000m, 500m, 1m), new("乙酸乙酯", 2000m, 500m, 1m)],
                    [new("JX-MEOH-TT01", "温度", "℃", null, null, 35, 45, null)])
            ],
            [("可燃气体检测报警器", "气体检测", "JX-GD-01", "甲醇罐区", 12), ("压力表", "压力仪表", "JX-PG-07", "液氯储罐区", -5),
                ("安全阀", "安全附件", "JX-SV-02", "液氯储罐区", 200)],
            [("周强", "特种作业操作证（危险化学品安全作业）", "T310114198801010011", 20),
                ("上海嘉翔精细化工有限公司", "危险化学品经营许可证", "沪嘉危化经字〔2024〕000118", 300)],
            [("JX-CL2-LT01", 85), ("JX-CL2-AT01", 1.6)],
            false),
        new("上海华亭气体有限公司",
            [("液氨储罐区", 2.0m, [new("氨", 150m, 10m, 2m)], [new("HT-NH3-PT01", "压力", "MPa", null, null, 1.6, 1.8, null)])],
            [("有毒气体检测仪", "气体检测", "HT-GD-03", "液氨储罐区", 25), ("防爆叉车", "特种设备", "HT-FL-01", "成品仓库", 400)],
            [("上海华亭气体有限公司", "安全生产许可证", "（沪）WH安许证字〔2023〕0042", -3),
                ("李明", "特种作业操作证（电工作业）", "T310114199003150032", 28)],
            [("HT-NH3-PT01", 1.7)],
            true),
        new("上海安亭化学试剂有限公司",
            [("危化品仓库", 1.0m, [new("甲苯", 600m, 500m, 1m)], [new("AT-WH-TT01", "温度", "℃", null, null, 30, 40, null)])],
            [("干粉灭火器", "消防器材", "AT-FE-12", "危化品仓库", -20)],
            [("王芳", "特种设备作业人员证（叉车司机）", "TS310114199205060021", 90)],
            [],
            false)
    ];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        if (!configuration.GetValue("AnJiaXing:Monitoring:DemoSeed", true)) return;
        var today = RegisterEndpoints.Today(clock);
        var enterprises = (await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise).ToListAsync(ct))
            .ToDictionary(o => o.Name);
        var sensors = new List<(Guid Device, Site Site)>();

        foreach (var site in Sites)
        {
            if (!enterprises.TryGetValue(site.Enterprise, out var enterprise) || enterprise.TownId is not { } townId) continue;
            var codes = new List<string>();
            foreach (var (name, alpha, substances, points) in site.Sources)
            {
                var assessment = Gb18218.Assess(alpha, substances);
                var id = Guid.CreateVersion7();
                var registered = new MajorHazardSourceRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains], name, alpha,
                    substances, assessment.QuantityRatioSum, assessment.R, assessment.Grade!.Value, points, Actor.System);
                session.Events.StartStream<MajorHazardSourceView>(id, registered);
                codes.AddRange(points.Select(p => p.Code));
            }

            foreach (var (name, kind, code, location, days) in site.Equipment)
            {
                var id = Guid.CreateVersion7();
                var expires = today.AddDays(days);
                session.Events.StartStream<EquipmentView>(id, new EquipmentRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains],
                    name, kind, code, location, expires.AddYears(-1), expires, RegisterEndpoints.DefaultRemindDays, Actor.System));
            }

            foreach (var (holder, kind, number, days) in site.Certificates)
            {
                var id = Guid.CreateVersion7();
                var expires = today.AddDays(days);
                session.Events.StartStream<CertificateView>(id, new CertificateRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains],
                    holder, kind, number, expires.AddYears(-3), expires, Actor.System));
            }

            // A sensor for the enterprise's points; its key is issued and stored hashed as a registration does, and never shown
            // (a demo user who wants to send telemetry revokes it and registers the sensor again).
            var device = Guid.CreateVersion7();
            var key = DeviceKeys.Issue(device);
            session.Events.StartStream<DeviceView>(device, new DeviceRegistered(device, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains],
                DeviceKind.Sensor, $"{site.Sources[0].Name}数据采集终端", codes, null, key.Fingerprint, Actor.System));
            session.Store(new DeviceCredential { Id = device, KeyHash = key.Hash, Fingerprint = key.Fingerprint });
            sensors.Add((device, site));
        }
        // The ingest reads the points and the sensors from the store, in a transaction of its own.
        await session.SaveChangesAsync(ct);
        await readings.CreateAsync(session.Database, ct);

        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-30);
        foreach (var (deviceId, site) in sensors)
        {
            var device = await session.LoadAsync<DeviceView>(deviceId, ct);
            var points = site.Sources.SelectMany(s => s.Points).ToList();
            // Half an hour at one reading a minute, normal (between the low and the high threshold) until the last few minutes,
            // when a point of the crossings climbs past its threshold.
            var rows = new List<Reading>();
            foreach (var p in points)
            {
                var normal = ((p.Low ?? 0) + (p.High ?? p.HighHigh ?? 1)) / 2;
                var crossing = site.Crossings.Where(c => c.Point == p.Code).Select(c => (double?)c.Value).FirstOrDefault();
                for (var m = 0; m < 30; m++)
                    rows.Add(new Reading(p.Code, start.AddMinutes(m), crossing is { } v && m >= 25 ? v : normal + Math.Sin(m / 3.0) * 0.02 * normal, deviceId));
            }
            await ingest.IngestAsync(device!, rows, ct);
        }

        foreach (var (deviceId, site) in sensors.Where(s => s.Site.AcknowledgeAlarms))
            foreach (var alarm in await session.Query<AlarmView>().Where(a => a.DeviceId == deviceId && a.Status == AlarmStatus.Open).ToListAsync(ct))
                session.Events.Append(alarm.Id, alarm.Acknowledge("已通知当班操作人员现场核查", Actor.System));
    }
}
