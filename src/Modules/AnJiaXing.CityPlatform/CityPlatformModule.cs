using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace AnJiaXing.CityPlatform;

/// <summary>
/// The city operations platform (一网统管): every hazard change goes out as a CloudEvent (the feed), and the city's
/// dispatches (派单) come in as hazards. ADR 0026.
/// </summary>
public sealed class CityPlatformModule : IAnJiaXingModule
{
    public string Name => "CityPlatform";

    /// <summary>With town databases (ADR 0030): the operations platform's feed and dispatches are the district's.</summary>
    public AnJiaXing.Platform.Tenancy.ModuleHome Home => AnJiaXing.Platform.Tenancy.ModuleHome.District;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CityOptions>(configuration.GetSection(CityOptions.Section));
        services.AddHttpClient(CityFeedSender.Client);
        services.AddSingleton<CityRabbitMqPublisher>();
        services.AddSingleNodeWork<CityFeedSender>();
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Add(new CityFeedProjection(), ProjectionLifecycle.Inline, CityFeedProjection.Name);
        options.Schema.For<CityDelivery>().Index(d => d.Status).Index(d => d.HazardId);
        options.Schema.For<CityHazardState>();
        options.Schema.For<CityDispatch>().Index(d => d.HazardId);
        options.Schema.For<CityDispatchRejection>();
    }

    /// <summary>The hazards of dispatches for towns with databases of their own wait durably in the district's inbox.</summary>
    public void ConfigureWolverine(WolverineOptions options) =>
        options.PublishMessage<RaiseHazardInTown>().ToLocalQueue(DispatchesQueue).UseDurableInbox();

    public const string DispatchesQueue = "city-dispatches";
}
