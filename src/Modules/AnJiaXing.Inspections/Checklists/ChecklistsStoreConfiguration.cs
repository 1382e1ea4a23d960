using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Inspections.Checklists;

public static class ChecklistsStoreConfiguration
{
    /// <summary>Checklists: an inline snapshot of the current version (older versions by aggregating to a version); favourites per user.</summary>
    public static void ConfigureChecklists(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Checklist>(SnapshotLifecycle.Inline);
        opts.Schema.For<Checklist>().Index(x => x.Kind).Index(x => x.OwnerOrganisationId);
        opts.Schema.For<ChecklistFavourite>().Index(x => x.UserId);
    }
}
