using System.Diagnostics;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Inspections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>The host's own telemetry pipeline, observed by an in-memory exporter added beside its exporters.</summary>
public sealed class TracingFixture : HazardFixture
{
    private readonly List<Activity> _spans = [];

    public IReadOnlyList<Activity> Spans
    {
        get { lock (_spans) return _spans.ToList(); }
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureServices(s => s.AddOpenTelemetry().WithTracing(t => t.AddProcessor(new SimpleActivityExportProcessor(new Collector(_spans)))));
    }

    private sealed class Collector(List<Activity> spans) : OpenTelemetry.BaseExporter<Activity>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            lock (spans) foreach (var activity in batch) spans.Add(activity);
            return OpenTelemetry.ExportResult.Success;
        }
    }
}

/// <summary>ADR 0028: one trace per request, from the HTTP span through Wolverine's messages to Marten and every SQL command.</summary>
public class when_tracing_a_hazard_command(TracingFixture app) : IClassFixture<TracingFixture>
{
    private async Task<List<Activity>> TraceOf(Func<Activity, bool> root, params string[] sources)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var spans = app.Spans;
            var server = spans.LastOrDefault(root);
            if (server is not null)
            {
                var trace = spans.Where(s => s.TraceId == server.TraceId).ToList();
                if (sources.All(source => trace.Any(s => s.Source.Name == source)) || DateTime.UtcNow > deadline) return trace;
            }
            else if (DateTime.UtcNow > deadline) return [];
            await Task.Delay(100);
        }
    }

    private static string Describe(IEnumerable<Activity> trace) =>
        string.Join("\n", trace.Select(s => $"{s.Source.Name}: {s.DisplayName}"));

    [Fact]
    public async Task reporting_a_hazard_is_one_trace_of_http_marten_and_sql()
    {
        await app.Report("town.nanxiang", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "追踪：配电箱门缺失"));
        var trace = await TraceOf(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
                                       && (s.GetTagItem("http.route") as string) == "/api/hazards" && s.GetTagItem("http.request.method") as string == "POST",
            "Marten", "Npgsql");
        var server = trace.Single(s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(201, Convert.ToInt32(server.GetTagItem("http.response.status_code")));
        // Wolverine's HTTP endpoints tag the request's span with the handler they ran.
        Assert.Contains("ReportHazard", server.GetTagItem("handler.type") as string ?? "");
        Assert.Contains(trace, s => s.Source.Name == "Marten");
        // Every command Marten sends is an Npgsql span of this trace: since the identity cache, the load, append and
        // projection upsert go as one batch, so one span may be all there is.
        Assert.True(trace.Count(s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client) >= 1, Describe(trace));
        Assert.All(trace.Where(s => s != server), s => Assert.NotEqual(default, s.ParentSpanId));
    }

    [Fact]
    public async Task a_hazard_raised_from_an_inspection_carries_the_trace_through_wolverine()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = InspectionSteps.ChemicalsChecklist });
        await app.Record("town.nanxiang", id, new { items = new object[] { InspectionSteps.Item("HC-01", "NonCompliant", "主要负责人未取得安全合格证") } });
        await app.Submit("town.nanxiang", id);

        var trace = await TraceOf(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
                                       && (s.GetTagItem("http.route") as string) == "/api/inspections/{id}/submit",
            "Wolverine", "Marten", "Npgsql");
        var wolverine = trace.Where(s => s.Source.Name == "Wolverine").ToList();
        Assert.True(wolverine.Count > 0, Describe(trace));
        // The finding crossed the durable queue and was handled in the same trace: the hazard's append is in it.
        Assert.Contains(wolverine, s => (s.GetTagItem("messaging.message_type") as string ?? "").Contains("RaiseHazardFromFinding"));
        Assert.True(trace.Count(s => s.Source.Name == "Npgsql") > 2, Describe(trace));
    }

    [Fact]
    public async Task metrics_are_scraped_in_prometheus_format()
    {
        await app.Report("town.nanxiang", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "指标：灭火器过期"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string text;
        do
        {
            await Task.Delay(500);
            text = (await app.Host.Scenario(s => { s.Get.Url("/metrics"); s.StatusCodeShouldBe(200); })).ReadAsText();
        } while (!text.Contains("marten_event_append") && DateTime.UtcNow < deadline);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("marten_event_append", text);
        Assert.Contains("event_type=\"hazard_reported\"", text);
    }
}
