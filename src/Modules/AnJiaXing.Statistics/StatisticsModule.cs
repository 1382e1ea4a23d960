using Marten;

namespace AnJiaXing.Statistics;

/// <summary>Statistics, the dashboard's figures (可视化大屏) and the enterprise file (一企一档) composed from the other modules' read models.</summary>
public sealed class StatisticsModule : IAnJiaXingModule
{
    public string Name => "Statistics";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IStoreUpgrade, ScopeStatisticsStorageUpgrade>();

    public void ConfigureMarten(StoreOptions options) => options.ConfigureStatistics();
}
