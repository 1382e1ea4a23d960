using Marten;
using Microsoft.AspNetCore.Identity;

namespace AnJiaXing.Registry.Organisations;

/// <summary>The district, its towns and departments, and the named demo accounts.</summary>
public sealed class DistrictSeed(IPasswordHasher<Person> hasher, TimeProvider clock) : IDemoSeed
{
    public int Order => 0;

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        Organisation Register(string name, OrganisationKind kind, Guid? parent, IndustryDomain[] domains)
        {
            var registered = new OrganisationRegistered(DemoDistrict.OrganisationId(name), name, kind, parent, domains, Actor.System);
            session.Events.StartStream<Organisation>(registered.OrganisationId, registered);
            return context.Organisations[name] = OrganisationProjection.Create(registered);
        }

        var district = Register(DemoDistrict.DistrictName, OrganisationKind.District, null, []);
        foreach (var town in DemoDistrict.Towns) Register(town, OrganisationKind.Town, district.Id, []);
        foreach (var (name, domains) in DemoDistrict.Departments) Register(name, OrganisationKind.Department, district.Id, domains);
        await session.SaveChangesAsync(ct);

        foreach (var (username, displayName, role, organisation) in DemoDistrict.Accounts)
        {
            var created = await AccountRegistration.OpenAsync(session, hasher, clock, username, displayName, DemoDistrict.Password,
                role, context.Organisations[organisation], Actor.System, ct);
            context.Accounts[username] = new Person
            {
                Id = created.AccountId, Username = created.Username, DisplayName = created.DisplayName, Role = created.Role,
                OrganisationId = created.OrganisationId, OrganisationName = created.OrganisationName,
                OrganisationKind = created.OrganisationKind, TownId = created.TownId
            };
        }
        await session.SaveChangesAsync(ct);
    }
}
