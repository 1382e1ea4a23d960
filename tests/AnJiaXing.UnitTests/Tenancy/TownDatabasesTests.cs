using AnJiaXing.Platform.Tenancy;
using Marten;
using Microsoft.Extensions.Configuration;

namespace AnJiaXing.UnitTests.Tenancy;

public class TownDatabasesTests
{
    private static readonly Guid Nanxiang = Guid.NewGuid();
    private static readonly Guid Anting = Guid.NewGuid();
    private const string District = "Host=db-district;Port=5432;Database=anjiaxing;Username=u";

    private static TownDatabases From(params (string Key, string? Value)[] settings) =>
        TownDatabases.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{TownDatabases.Section}:{s.Key}", s.Value)))
            .Build());

    [Fact]
    public void no_town_configured_is_the_one_database()
    {
        var towns = From();
        Assert.False(towns.Several);
        Assert.Null(towns.TenantOf(Nanxiang));
    }

    [Fact]
    public void a_configured_town_is_a_tenant_and_the_others_stay_in_the_district()
    {
        var towns = From((Nanxiang.ToString(), "Host=db-nanxiang;Database=anjiaxing"));
        Assert.True(towns.Several);
        Assert.Equal(Nanxiang.ToString("D"), towns.TenantOf(Nanxiang));
        Assert.Null(towns.TenantOf(Anting));
        Assert.Null(towns.TenantOf(null));
    }

    [Fact]
    public void a_town_is_named_by_its_id_and_needs_a_connection_string()
    {
        Assert.Contains("GUID", Assert.Throws<InvalidOperationException>(() => From(("南翔镇", "Host=x;Database=y"))).Message);
        Assert.Contains("no connection string", Assert.Throws<InvalidOperationException>(() => From((Nanxiang.ToString(), " "))).Message);
    }

    [Fact]
    public void two_databases_of_the_same_name_on_one_host_are_refused_even_on_different_ports()
    {
        // Marten and Wolverine name a database's agents by host and name: the second town's would never run.
        var towns = From((Nanxiang.ToString(), "Host=db-town;Port=5433;Database=town"), (Anting.ToString(), "Host=db-town;Port=5434;Database=town"));
        var refused = Assert.Throws<InvalidOperationException>(() => towns.Configure(new StoreOptions(), District));
        Assert.Contains(Nanxiang.ToString(), refused.Message);
        Assert.Contains(Anting.ToString(), refused.Message);

        var clashesWithTheDistrict = From((Nanxiang.ToString(), "Host=db-district;Port=6543;Database=anjiaxing"));
        Assert.Contains(TownDatabases.District, Assert.Throws<InvalidOperationException>(() => clashesWithTheDistrict.Configure(new StoreOptions(), District)).Message);
    }

    [Fact]
    public void databases_of_their_own_names_are_accepted()
    {
        var towns = From((Nanxiang.ToString(), "Host=db-town;Database=nanxiang"), (Anting.ToString(), "Host=db-town;Database=anting"));
        var opts = new StoreOptions();
        towns.Configure(opts, District);
        Assert.True(opts.Advanced.DefaultTenantUsageEnabled);
    }
}
