-- Writes that cannot move the caseload relation leave it alone.
--
-- Completing a session or marking a no-show keeps it non-cancelled, so the relation (which counts
-- non-cancelled sessions) cannot change; only cancelling, un-cancelling, or moving a session to another
-- therapist or client can. Before, each of those statements re-derived the client's rows anyway, under
-- the client's advisory lock (~7 ms of a ~11 ms status flip at a million clients, under load).
-- caseload_sync also returns at once when a statement touched no client that matters.

create or replace function caseload_session_updated() returns trigger language plpgsql as $$
begin
    perform caseload_sync(
        array(select o.practice_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where (o.status = 'CANCELLED') <> (n.status = 'CANCELLED')
                 or o.therapist_id <> n.therapist_id or o.client_id <> n.client_id
              union all
              select n.practice_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.client_id <> n.client_id),
        array(select o.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where (o.status = 'CANCELLED') <> (n.status = 'CANCELLED')
                 or o.therapist_id <> n.therapist_id or o.client_id <> n.client_id
              union all
              select n.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.client_id <> n.client_id));
    return null;
end $$;

create or replace function caseload_sync(p_practice uuid[], p_client uuid[]) returns void
language plpgsql as $$
begin
    if cardinality(p_client) = 0 then
        return;
    end if;
    -- Two transactions changing the same client's sessions must not each recompute from a snapshot that
    -- lacks the other's change: serialize per client, on 1024 buckets per practice so that a bulk change of
    -- thousands of clients takes a bounded number of locks (taken in one order, so bulk changes cannot deadlock).
    -- After the wait, the next statement's snapshot sees what the other committed.
    perform pg_advisory_xact_lock(b.practice_key, b.bucket)
    from (select distinct hashtext(k.practice_id::text) as practice_key,
                          hashtext(k.client_id::text) & 1023 as bucket
          from unnest(p_practice, p_client) as k(practice_id, client_id)
          order by 1, 2) b;

    with keys as (
        select distinct k.practice_id, k.client_id from unnest(p_practice, p_client) as k(practice_id, client_id)
    ), expected as materialized (
        select e.practice_id, e.member_id, e.client_id, e.category, e.sort_name
        from caseload_expected e
        join keys on keys.practice_id = e.practice_id and keys.client_id = e.client_id
    ), dropped as (
        delete from caseload k
        using keys
        where k.practice_id = keys.practice_id and k.client_id = keys.client_id
          and not exists (select 1 from expected e
                          where e.practice_id = k.practice_id and e.client_id = k.client_id
                            and e.member_id = k.member_id)
    )
    insert into caseload (practice_id, member_id, client_id, category, sort_name)
    select practice_id, member_id, client_id, category, sort_name from expected
    on conflict (practice_id, member_id, client_id) do update
        set category = excluded.category, sort_name = excluded.sort_name
        where caseload.category <> excluded.category or caseload.sort_name <> excluded.sort_name;
end $$;
