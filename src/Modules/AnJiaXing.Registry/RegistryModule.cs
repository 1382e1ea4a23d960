using Marten;
using Microsoft.AspNetCore.Identity;
using StoreOptions = Marten.StoreOptions;

namespace AnJiaXing.Registry;

/// <summary>Organisations, enterprises (一企一档's registry) and accounts; writes the shared kernel's Organisation and Person.</summary>
public sealed class RegistryModule : IAnJiaXingModule
{
    public string Name => "Registry";

    /// <summary>With town databases (ADR 0030): organisations and accounts: written in the district, copied into every town.</summary>
    public AnJiaXing.Platform.Tenancy.ModuleHome Home => AnJiaXing.Platform.Tenancy.ModuleHome.SharedKernel;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher<Person>, PasswordHasher<Person>>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<RefreshTokens>();
        services.AddSingleton<IDemoSeed, DistrictSeed>();
        services.AddSingleton<IDemoSeed, EnterpriseSeed>();
        services.AddSingleton<IDemoSeed, DistrictScaleSeed>();
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.ConfigureIdentity();
        options.ConfigureEnterprises();
    }
}
