using Marten;
using Wolverine;

namespace AnJiaXing.Platform.Modules;

/// <summary>
/// One module of the service (Registry, Hazards, Inspections, …). The host lists its modules once; the platform asks
/// each for its services, its event store configuration (events, projections, indexes) and its messaging, and includes
/// its assembly in Wolverine's handler and endpoint discovery and in validator scanning. A module never configures the
/// platform's own concerns (authentication, problems, the ledger): those exist once.
/// </summary>
public interface IAnJiaXingModule
{
    /// <summary>A short name for logs and the OpenAPI tags, e.g. "Hazards".</summary>
    string Name { get; }

    void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    void ConfigureMarten(StoreOptions options) { }

    void ConfigureWolverine(WolverineOptions options) { }
}
