
namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The ledger's tables and the trigger that chains every appended event (docs/adr: the tamper-evident ledger).
/// The trigger runs in the appending transaction, for every stream type, whatever code appended the event.
/// </summary>
public static class LedgerSchema
{
    public const string S = MartenSetup.Schema;
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    public const string CanonicalPrefix = "anjiaxing-ledger/v1";

    /// <summary>Marten's event type of a tombstone (a sequence number of a failed transaction).</summary>
    public const string TombstoneType = "tombstone";

    /// <summary>The SQLSTATE the trigger raises when a stream's chain has a gap (an append made while it was off).</summary>
    public const string BrokenChainState = "AJL01";

    public static readonly string Ddl = $$"""
        create table if not exists {{S}}.ledger_entries (
            seq_id          bigint primary key,
            stream_id       uuid not null,
            version         bigint not null,
            stream_type     text,
            event_type      text not null,
            actor_id        uuid,
            organisation_id uuid,
            enterprise_id   uuid,
            recorded_at     timestamptz not null,
            previous_hash   text not null,
            hash            text not null,
            unique (stream_id, version)
        );
        create index if not exists ix_ledger_entries_actor on {{S}}.ledger_entries (actor_id, seq_id desc);
        create index if not exists ix_ledger_entries_organisation on {{S}}.ledger_entries (organisation_id, seq_id desc);
        create index if not exists ix_ledger_entries_enterprise on {{S}}.ledger_entries (enterprise_id, seq_id desc);
        create index if not exists ix_ledger_entries_recorded on {{S}}.ledger_entries (recorded_at);
        create index if not exists ix_ledger_entries_type on {{S}}.ledger_entries (event_type, seq_id desc);

        create or replace function {{S}}.ledger_chain() returns trigger language plpgsql as $fn$
        declare
            prev text;
            canonical text;
        begin
            -- Marten's tombstones only fill the sequence numbers of a failed transaction: no fact, nobody's act. They
            -- are not chained (ADR 0013); the verifier skips them the same way.
            if new.type = '{{TombstoneType}}' then
                return null;
            end if;
            if new.version > 1 then
                select hash into prev from {{S}}.ledger_entries where stream_id = new.stream_id and version = new.version - 1;
                if prev is null then
                    raise exception 'ledger: stream % has no hash for version %', new.stream_id, new.version - 1
                        using errcode = '{{BrokenChainState}}';
                end if;
            else
                prev := '{{Genesis}}';
            end if;
            canonical := '{{CanonicalPrefix}}' || chr(10) || new.stream_id::text || chr(10) || new.version::text || chr(10)
                || new.type || chr(10) || new.data::text || chr(10) || coalesce(new.headers::text, '') || chr(10)
                || coalesce(new.user_name, '') || chr(10) || coalesce(new.correlation_id, '') || chr(10)
                || coalesce(new.causation_id, '') || chr(10)
                || to_char(new.timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || chr(10) || prev;
            insert into {{S}}.ledger_entries
                (seq_id, stream_id, version, stream_type, event_type, actor_id, organisation_id, enterprise_id, recorded_at, previous_hash, hash)
            values
                (new.seq_id, new.stream_id, new.version,
                 (select type from {{S}}.mt_streams where id = new.stream_id),
                 new.type,
                 {{S}}.ledger_try_uuid(new.headers ->> 'actorId'),
                 {{S}}.ledger_try_uuid(new.headers ->> 'organisationId'),
                 {{S}}.ledger_try_uuid(new.data ->> 'enterpriseId'),
                 new.timestamp, prev, encode(sha256(convert_to(canonical, 'UTF8')), 'hex'));
            return null;
        end
        $fn$;

        create or replace function {{S}}.ledger_try_uuid(value text) returns uuid language plpgsql immutable as $fn$
        begin
            -- The canonical form (every id this service writes) is cast directly: an exception block costs a
            -- subtransaction on every call, three per appended event (issue 12). Anything else gets the forgiving cast.
            if value is null then
                return null;
            end if;
            if value ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
                return value::uuid;
            end if;
            begin
                return value::uuid;
            exception when others then
                return null;
            end;
        end
        $fn$;

        drop trigger if exists ledger_chain on {{S}}.mt_events;
        create trigger ledger_chain after insert on {{S}}.mt_events for each row execute function {{S}}.ledger_chain();

        create table if not exists {{S}}.ledger_digests (
            id                bigserial primary key,
            covered_sequence  bigint not null,
            stream_count      bigint not null,
            event_count       bigint not null,
            root              text not null,
            created_at        timestamptz not null,
            key_id            text not null,
            public_key        text not null,
            signature         text not null
        );
        -- v2 heads: the RFC 9162 root over every entry in ledger order, and the consistency proof from the previous head.
        alter table {{S}}.ledger_digests add column if not exists log_root text;
        alter table {{S}}.ledger_digests add column if not exists consistency_proof text;

        create or replace function {{S}}.ledger_digests_append_only() returns trigger language plpgsql as $fn$
        begin
            raise exception 'ledger digests are append-only';
        end
        $fn$;
        drop trigger if exists ledger_digests_append_only on {{S}}.ledger_digests;
        create trigger ledger_digests_append_only before update or delete on {{S}}.ledger_digests
            for each row execute function {{S}}.ledger_digests_append_only();

        -- District heads (ADR 0030): the signed root over the latest head of every database, the district's and the towns'.
        create table if not exists {{S}}.ledger_district_heads (
            id          bigserial primary key,
            created_at  timestamptz not null,
            heads       jsonb not null,
            root        text not null,
            key_id      text not null,
            public_key  text not null,
            signature   text not null
        );
        drop trigger if exists ledger_district_heads_append_only on {{S}}.ledger_district_heads;
        create trigger ledger_district_heads_append_only before update or delete on {{S}}.ledger_district_heads
            for each row execute function {{S}}.ledger_digests_append_only();
        """;
}
