using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.Inspections.Knowledge;

public static class KnowledgeStoreConfiguration
{
    /// <summary>Knowledge documents: inline snapshots, and a trigram GIN index on the searchable text (ADR 0015).</summary>
    public static void ConfigureKnowledge(this StoreOptions opts)
    {
        opts.Projections.Snapshot<KnowledgeDocument>(SnapshotLifecycle.Inline);
        opts.Schema.For<KnowledgeDocument>()
            .Index(x => x.SearchText, index =>
            {
                index.Name = "mt_doc_knowledgedocument_search_trgm";
                index.Method = IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
                // Documents are written rarely and searched often: without the pending list the planner costs the index
                // honestly right after writes, instead of seq-scanning (and de-TOASTing) every document until a vacuum.
                index.StorageParameters["fastupdate"] = "off";
            })
            .Index(x => x.Category);
    }
}
