using JasperFx.Events;
using Marten.Events.Projections;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// Keeps <see cref="EnterpriseFile"/> by enterprise id. A multi-stream projection on purpose: events of other
/// streams (hazards, inspections) that name an enterprise can feed their sections into the same document.
/// </summary>
public partial class EnterpriseFileProjection : MultiStreamProjection<EnterpriseFile, Guid>
{
    public EnterpriseFileProjection()
    {
        Identity<EnterpriseRegistered>(e => e.EnterpriseId);
        Identity<EnterpriseUpdated>(e => e.EnterpriseId);
        Identity<EnterpriseDisabled>(e => e.EnterpriseId);
        Identity<EnterpriseEnabled>(e => e.EnterpriseId);
        Identity<EnterpriseAccountGranted>(e => e.EnterpriseId);
    }

    public EnterpriseFile Create(IEvent<EnterpriseRegistered> e) => new()
    {
        Id = e.Data.EnterpriseId,
        UpdatedAt = e.Timestamp,
        Basic = new EnterpriseBasics
        {
            Name = e.Data.Name, CreditCode = e.Data.CreditCode, Address = e.Data.Address, TownId = e.Data.TownId,
            TownName = e.Data.TownName, Domains = [.. e.Data.Domains], Scale = e.Data.Scale,
            LegalRepresentative = e.Data.LegalRepresentative, SafetyManager = e.Data.SafetyManager,
            ContactPhone = e.Data.ContactPhone, Latitude = e.Data.Latitude, Longitude = e.Data.Longitude,
            RegisteredAt = e.Timestamp
        }
    };

    public void Apply(IEvent<EnterpriseUpdated> e, EnterpriseFile file)
    {
        var b = file.Basic;
        var d = e.Data;
        b.Name = d.Name;
        b.CreditCode = d.CreditCode;
        b.Address = d.Address;
        b.TownId = d.TownId;
        b.TownName = d.TownName;
        b.Domains = [.. d.Domains];
        b.Scale = d.Scale;
        b.LegalRepresentative = d.LegalRepresentative;
        b.SafetyManager = d.SafetyManager;
        b.ContactPhone = d.ContactPhone;
        b.Latitude = d.Latitude;
        b.Longitude = d.Longitude;
        file.UpdatedAt = e.Timestamp;
    }

    public void Apply(IEvent<EnterpriseDisabled> e, EnterpriseFile file)
    {
        file.Basic.Enabled = false;
        file.UpdatedAt = e.Timestamp;
    }

    public void Apply(IEvent<EnterpriseEnabled> e, EnterpriseFile file)
    {
        file.Basic.Enabled = true;
        file.UpdatedAt = e.Timestamp;
    }

    public void Apply(EnterpriseAccountGranted _, EnterpriseFile file) => file.Basic.AccountCount++;
}
