-- Issue 9, bulk reassignment of 10,000 clients in <= 1 s: a change of therapist alone moves two rows of the
-- relation per client, in place, instead of re-deriving each client's rows from its sessions.
--
-- By the relation's definition (caseload_expected), a client's rows are its therapist's (DIRECT for a direct
-- client, PRIMARY for a practice client) and one per other therapist who renders a session of it that is not
-- cancelled (RENDERED, WALK_IN). When only the therapist changes, from A to B:
--   * A's row stays, as RENDERED or WALK_IN, if A renders such a session of the client; otherwise it goes;
--   * B's row becomes (or is added as) DIRECT or PRIMARY;
--   * every other row stays as it is.
-- So the change is a delete, an update and an upsert, each one statement for all moved clients, with a
-- lookup of A's sessions of the client by index. The general caseload_sync() asked caseload_expected
-- for every stored row and for every expected row of every moved client: 1.3 s of a 1.8 s UPDATE of 10,000
-- clients at a million clients. A change of kind still re-derives (every row's category changes).
--
-- Concurrency is as before: the clients' lock (caseload_lock) is taken first, and each statement below reads
-- a snapshot taken after it, so a concurrent session change of the same client either re-derived its rows
-- before (and they are correct for the client as it was, which is what the three statements start from) or
-- re-derives them after, from the new therapist.
create or replace function caseload_client_updated() returns trigger language plpgsql as $$
declare
    -- What the statement changed, sorted into the three ways the relation follows, in one pass over the
    -- transition tables (not one join of them per array).
    kind_practice uuid[]; kind_client uuid[];
    moved_practice uuid[]; moved_client uuid[]; moved_from uuid[]; moved_to uuid[]; moved_kind text[];
    moved_sort_name text[];
    renamed_practice uuid[]; renamed_client uuid[];
begin
    select coalesce(array_agg(n.practice_id) filter (where o.kind <> n.kind), '{}'),
           coalesce(array_agg(n.id) filter (where o.kind <> n.kind), '{}'),
           coalesce(array_agg(n.practice_id) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind), '{}'),
           coalesce(array_agg(n.id) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind), '{}'),
           coalesce(array_agg(o.therapist_id) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind), '{}'),
           coalesce(array_agg(n.therapist_id) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind), '{}'),
           coalesce(array_agg(n.kind) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind), '{}'),
           coalesce(array_agg(lower(n.full_name)) filter (where o.therapist_id <> n.therapist_id and o.kind = n.kind),
                    '{}'),
           coalesce(array_agg(n.practice_id) filter (where o.full_name <> n.full_name), '{}'),
           coalesce(array_agg(n.id) filter (where o.full_name <> n.full_name), '{}')
    into kind_practice, kind_client, moved_practice, moved_client, moved_from, moved_to, moved_kind, moved_sort_name,
         renamed_practice, renamed_client
    from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id;

    -- A change of kind (with or without a change of therapist) re-derives the client's rows.
    perform caseload_sync(kind_practice, kind_client);

    -- A change of therapist alone moves the old therapist's row and the new one's, in place.
    perform caseload_reassigned(moved_practice, moved_client, moved_from, moved_to, moved_kind, moved_sort_name);

    -- A rename keeps the rows and moves their sort key, under the clients' lock (as caseload_sync takes it):
    -- a concurrent session change re-deriving a client either ran before (its rows are visible here after
    -- the wait) or runs after (and reads the new name).
    if cardinality(renamed_client) > 0 then
        perform caseload_lock(renamed_practice, renamed_client);
        update caseload k set sort_name = lower(n.full_name)
        from changed n
        where k.practice_id = n.practice_id and k.client_id = n.id and k.sort_name <> lower(n.full_name);
    end if;
    return null;
end $$;

-- The clients given (p_practice[i], p_client[i]) have moved from therapist p_from[i] to p_to[i], their kind
-- (p_kind[i]) unchanged, their sort key now p_sort_name[i]: their rows of the relation follow, under the
-- clients' lock.
create function caseload_reassigned(p_practice uuid[], p_client uuid[], p_from uuid[], p_to uuid[], p_kind text[],
                                    p_sort_name text[]) returns void
language plpgsql as $$
begin
    if cardinality(p_client) = 0 then
        return;
    end if;
    perform caseload_lock(p_practice, p_client);

    -- The old therapist keeps the client only as one who renders its sessions. Whether they do is asked once
    -- per client, first (materialized): inside the delete's anti-join the planner chose the exclusion
    -- constraint's GiST index (every session of the therapist, ~400 at a million clients) over the partial
    -- btree on (practice, therapist, client); 2.6 s instead of 0.07 s for 10,000 clients.
    with moved as materialized (
        select m.practice_id, m.client_id, m.from_id, m.kind,
               exists (select 1 from session s
                       where s.practice_id = m.practice_id and s.therapist_id = m.from_id
                         and s.client_id = m.client_id and s.status <> 'CANCELLED') as renders
        from unnest(p_practice, p_client, p_from, p_kind) as m(practice_id, client_id, from_id, kind)
    ), gone as (
        delete from caseload k
        using moved m
        where k.practice_id = m.practice_id and k.client_id = m.client_id and k.member_id = m.from_id
          and not m.renders
    )
    update caseload k set category = case m.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end
    from moved m
    where k.practice_id = m.practice_id and k.client_id = m.client_id and k.member_id = m.from_id and m.renders
      and k.category <> case m.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end;

    -- The new therapist holds the client, whatever row they had for it before.
    insert into caseload (practice_id, member_id, client_id, category, sort_name)
    select m.practice_id, m.to_id, m.client_id, case m.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end,
           m.sort_name
    from unnest(p_practice, p_client, p_to, p_kind, p_sort_name) as m(practice_id, client_id, to_id, kind, sort_name)
    on conflict (practice_id, member_id, client_id) do update
        set category = excluded.category, sort_name = excluded.sort_name
        where caseload.category <> excluded.category or caseload.sort_name <> excluded.sort_name;
end $$;

-- Planned once per connection, like caseload_sync(): every statement is driven by the moved clients through
-- key lookups, whatever their number.
alter function caseload_reassigned(uuid[], uuid[], uuid[], uuid[], text[], text[]) set plan_cache_mode = force_generic_plan;
