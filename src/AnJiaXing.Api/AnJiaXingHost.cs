using AnJiaXing.CityPlatform;
using AnJiaXing.Emergency;
using AnJiaXing.Hazards;
using AnJiaXing.Inspections;
using AnJiaXing.Investigations;
using AnJiaXing.Monitoring;
using AnJiaXing.Notices;
using AnJiaXing.Platform;
using AnJiaXing.Platform.Modules;
using AnJiaXing.Registry;
using AnJiaXing.RiskControl;
using AnJiaXing.Statistics;
using AnJiaXing.WorkLedger;

namespace AnJiaXing.Api;

/// <summary>The composition root: the platform once, then the modules, in dependency order.</summary>
public static class AnJiaXingHost
{
    public static readonly IReadOnlyList<IAnJiaXingModule> Modules =
        [new RegistryModule(), new HazardsModule(), new InspectionsModule(), new RiskControlModule(), new MonitoringModule(),
         new EmergencyModule(), new WorkLedgerModule(), new NoticesModule(), new CityPlatformModule(), new StatisticsModule(),
         new InvestigationsModule()];

    public static void ConfigureServices(WebApplicationBuilder builder) => builder.AddAnJiaXingPlatform(Modules);

    public static void Configure(WebApplication app) => app.UseAnJiaXingPlatform(pages: a => a.UseDashboard());
}
