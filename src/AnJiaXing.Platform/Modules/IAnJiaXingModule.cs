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

    /// <summary>Where its records live when towns have databases of their own (ADR 0030): by default in the towns'.</summary>
    Tenancy.ModuleHome Home => Tenancy.ModuleHome.Town;

    /// <summary>
    /// Events of a town module that are the district's content every town uses (published checklists, knowledge): with
    /// town databases, those appended in the district database are copied into every town's, like the shared kernel's.
    /// </summary>
    IReadOnlyList<Type> SharedEvents => [];

    void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    void ConfigureMarten(StoreOptions options) { }

    void ConfigureWolverine(WolverineOptions options) { }
}
