using Marten;
using Wolverine;

namespace AnJiaXing.RiskControl;

/// <summary>Risk control (风险管控): risk points and their assessments, counts by level, patrol tasks and patrol records.</summary>
public sealed class RiskControlModule : IAnJiaXingModule
{
    public string Name => "RiskControl";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void ConfigureMarten(StoreOptions options) => options.ConfigureRiskControl();

    public void ConfigureWolverine(WolverineOptions options)
    {
    }
}
