using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AnJiaXing.IntegrationTests.Hazards;

/// <summary>
/// The demo district plus two enterprises of its own: 南翔化工 (南翔镇, hazardous chemicals) with users
/// ent.a1 / ent.a2, and 安亭建工 (安亭镇, construction sites) with ent.b1. The clock is a fake the tests move.
/// </summary>
public class HazardFixture : AppFixture
{
    public const string Password = "Ent#20261";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public Guid NanxiangChemicals { get; private set; }
    public Guid AntingConstruction { get; private set; }
    public Dictionary<string, Guid> Users { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var session = Store.LightweightSession();
        var orgs = (await session.Query<Organisation>().ToListAsync()).ToDictionary(o => o.Name);
        NanxiangChemicals = Register(session, "南翔化工有限公司", "91310114MA1GT1234A", orgs["南翔镇"], IndustryDomain.HazardousChemicals);
        AntingConstruction = Register(session, "安亭建工集团", "91310114MA1GT5678B", orgs["安亭镇"], IndustryDomain.ConstructionSites);
        await session.SaveChangesAsync();

        var enterprises = (await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise).ToListAsync()).ToDictionary(o => o.Id);
        var hasher = Host.Services.GetRequiredService<IPasswordHasher<Person>>();
        foreach (var (username, enterprise) in new[] { ("ent.a1", NanxiangChemicals), ("ent.a2", NanxiangChemicals), ("ent.b1", AntingConstruction) })
        {
            var created = await AccountRegistration.OpenAsync(session, hasher, TimeProvider.System, username, $"企业用户 {username}",
                Password, Role.EnterpriseUser, enterprises[enterprise], Actor.System, CancellationToken.None);
            Users[username] = created.AccountId;
        }
        await session.SaveChangesAsync();
        await using var query = Store.QuerySession();
        foreach (var a in await query.Query<UserAccount>().ToListAsync()) Users.TryAdd(a.Username, a.Id);
    }

    private static Guid Register(IDocumentSession session, string name, string code, Organisation town, IndustryDomain domain)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream(id, new EnterpriseRegistered(id, name, code, "嘉定区某路1号", town.Id, town.Name, [domain],
            "中型", "法人", "安全负责人", "021-00000000", null, null, Actor.System));
        return id;
    }

    protected override string PasswordOf(string username) =>
        username.StartsWith("ent.", StringComparison.Ordinal) ? Password : base.PasswordOf(username);
}
