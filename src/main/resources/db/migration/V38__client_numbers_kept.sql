-- Issue 8, item 5: a list page is index lookups, and a rename does not re-derive the relation.
--
-- 1. A client's numbers (completed sessions, the last of them, pending notes) are kept per client in
--    client_numbers, by the session triggers below, in the same statement as the session change. A list page
--    of 51 clients read them as 51 aggregates over the clients' sessions (~1.2 ms of a ~3.4 ms page at a
--    million clients); now they are 51 primary-key lookups. Rows exist for clients with at least one
--    completed session; a client without one has zeros and no last session (the readers coalesce).
--    client_numbers_differences() recounts every client and lists what differs (checked after every
--    integration test, like caseload_differences()).
--
-- 2. The caseload relation's primary key leads with the client, (practice_id, client_id, member_id), and
--    replaces caseload_client_idx (the same columns). The one index that leads with (practice_id, member_id)
--    is then caseload_member_name_idx, whose order is the list's order: the planner, which cannot know how
--    many clients a lens member holds (it guessed one), was choosing the old primary key and sorting every
--    client of each member (271 rows for one therapist) instead of reading the first 51 in name order.
--
-- 3. A rename alone moves no row of the relation, only its sort key: it is updated in place, under the same
--    per-client lock as caseload_sync(), instead of re-deriving the client's rows from its sessions
--    (~1.8 ms of trigger on a ~0.9 ms write).

-- 2 -------------------------------------------------------------------------------------------------------
alter table caseload drop constraint caseload_pkey;
alter table caseload add constraint caseload_pkey primary key (practice_id, client_id, member_id) include (category);
drop index caseload_client_idx;

-- 1 -------------------------------------------------------------------------------------------------------
create table client_numbers (
    practice_id     uuid        not null,
    client_id       uuid        not null,
    sessions_count  bigint      not null check (sessions_count > 0),
    last_session_at timestamptz not null,
    pending_notes   bigint      not null check (pending_notes between 0 and sessions_count),
    primary key (practice_id, client_id),
    foreign key (practice_id, client_id) references client (practice_id, id) on delete cascade
) with (fillfactor = 80); -- room on the page for the updates to stay HOT (no index entry per update)

-- The one definition, from the base tables. Driven by the client row, like caseload_expected, so a filter on
-- (practice_id, client_id) becomes index lookups on both sides.
create view client_numbers_expected as
select c.practice_id, c.id as client_id, n.sessions_count, n.last_session_at, n.pending_notes
from client c
cross join lateral (
    select count(*) as sessions_count, max(s.starts_at) as last_session_at,
           count(*) filter (where s.note_status <> 'SIGNED') as pending_notes
    from session s
    where s.practice_id = c.practice_id and s.client_id = c.id and s.status = 'COMPLETED'
) n
where n.sessions_count > 0;

-- The per-client lock of every function that brings kept rows in line with their definition: two transactions
-- changing the same client must not each recompute from a snapshot that lacks the other's change. 1024 buckets
-- per practice, so that a bulk change of thousands of clients takes a bounded number of locks, taken in one
-- order, so bulk changes cannot deadlock. After the wait, the caller's next statement sees what the other
-- committed.
create function caseload_lock(p_practice uuid[], p_client uuid[]) returns void
language plpgsql as $$
begin
    perform pg_advisory_xact_lock(b.practice_key, b.bucket)
    from (select distinct hashtext(k.practice_id::text) as practice_key,
                          hashtext(k.client_id::text) & 1023 as bucket
          from unnest(p_practice, p_client) as k(practice_id, client_id)
          order by 1, 2) b;
end $$;

insert into client_numbers select * from client_numbers_expected;

-- Brings the given clients' rows in line with client_numbers_expected, under the clients' lock (a recount from a
-- snapshot that lacks another transaction's change to the same client would overwrite it).
create function client_numbers_sync(p_practice uuid[], p_client uuid[]) returns void
language plpgsql as $$
begin
    if cardinality(p_client) = 0 then
        return;
    end if;
    perform caseload_lock(p_practice, p_client);

    with keys as (
        select distinct k.practice_id, k.client_id from unnest(p_practice, p_client) as k(practice_id, client_id)
    ), dropped as (
        delete from client_numbers n
        using keys
        where n.practice_id = keys.practice_id and n.client_id = keys.client_id
          and not exists (select 1 from client_numbers_expected e
                          where e.practice_id = n.practice_id and e.client_id = n.client_id)
    )
    insert into client_numbers (practice_id, client_id, sessions_count, last_session_at, pending_notes)
    select e.practice_id, e.client_id, e.sessions_count, e.last_session_at, e.pending_notes
    from keys
    join client_numbers_expected e on e.practice_id = keys.practice_id and e.client_id = keys.client_id
    on conflict (practice_id, client_id) do update
        set sessions_count = excluded.sessions_count, last_session_at = excluded.last_session_at,
            pending_notes = excluded.pending_notes
        where (client_numbers.sessions_count, client_numbers.last_session_at, client_numbers.pending_notes)
              is distinct from (excluded.sessions_count, excluded.last_session_at, excluded.pending_notes);
end $$;

-- Whether a session's change moves its client's numbers: what it adds (nothing unless completed; then one
-- session, a pending note unless signed, and its time) differs before and after. Plain immutable SQL, so the
-- planner inlines it.
create function client_numbers_moved(old_status text, old_note_status text, old_starts_at timestamptz,
                                     new_status text, new_note_status text, new_starts_at timestamptz)
returns boolean language sql immutable parallel safe as $$
    select (old_status = 'COMPLETED') <> (new_status = 'COMPLETED')
        or (new_status = 'COMPLETED' and ((old_note_status = 'SIGNED') <> (new_note_status = 'SIGNED')
                                          or old_starts_at <> new_starts_at))
$$;

create function client_numbers_sessions_inserted() returns trigger language plpgsql as $$
begin
    -- Sessions are booked Scheduled: most inserts change no client's numbers.
    perform client_numbers_sync(array(select n.practice_id from changed n where n.status = 'COMPLETED'),
                                array(select n.client_id from changed n where n.status = 'COMPLETED'));
    return null;
end $$;

create function client_numbers_sessions_updated() returns trigger language plpgsql as $$
begin
    -- Only a change of what a session adds (completed, pending, its time when completed) or of its client
    -- moves the numbers: not a hand-over to another therapist, a charge or a note's text.
    perform client_numbers_sync(
        array(select d.practice_id from (
                  select o.practice_id, o.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
                  where o.client_id <> n.client_id
                     or client_numbers_moved(o.status, o.note_status, o.starts_at, n.status, n.note_status, n.starts_at)
                  union all
                  select n.practice_id, n.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
                  where o.client_id <> n.client_id) d),
        array(select d.client_id from (
                  select o.practice_id, o.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
                  where o.client_id <> n.client_id
                     or client_numbers_moved(o.status, o.note_status, o.starts_at, n.status, n.note_status, n.starts_at)
                  union all
                  select n.practice_id, n.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
                  where o.client_id <> n.client_id) d));
    return null;
end $$;

create function client_numbers_sessions_deleted() returns trigger language plpgsql as $$
begin
    perform client_numbers_sync(array(select o.practice_id from previous o where o.status = 'COMPLETED'),
                                array(select o.client_id from previous o where o.status = 'COMPLETED'));
    return null;
end $$;

create trigger client_numbers_sessions_inserted after insert on session
    referencing new table as changed for each statement execute function client_numbers_sessions_inserted();
create trigger client_numbers_sessions_updated after update on session
    referencing old table as previous new table as changed
    for each statement execute function client_numbers_sessions_updated();
create trigger client_numbers_sessions_deleted after delete on session
    referencing old table as previous for each statement execute function client_numbers_sessions_deleted();

-- The consistency guard: 'missing' rows are expected but absent or different, 'extra' rows are present but
-- not expected.
create function client_numbers_differences()
returns table (difference text, practice_id uuid, client_id uuid, sessions_count bigint,
               last_session_at timestamptz, pending_notes bigint)
language sql stable as $$
    (select 'missing', e.* from client_numbers_expected e
     except
     select 'missing', n.* from client_numbers n)
    union all
    (select 'extra', n.* from client_numbers n
     except
     select 'extra', e.* from client_numbers_expected e)
$$;

-- 3 -------------------------------------------------------------------------------------------------------
create or replace function caseload_client_updated() returns trigger language plpgsql as $$
begin
    -- A change of therapist or kind moves the relation: re-derive the client's rows.
    perform caseload_sync(array(select n.practice_id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind),
                          array(select n.id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind));
    -- A rename keeps the rows and moves their sort key, under the clients' lock (as caseload_sync takes it):
    -- a concurrent session change re-deriving a client either ran before (its rows are visible here after
    -- the wait) or runs after (and reads the new name).
    if exists (select 1 from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
               where o.full_name <> n.full_name) then
        perform caseload_lock(array(select n.practice_id from changed n join previous o
                                      on o.practice_id = n.practice_id and o.id = n.id
                                    where o.full_name <> n.full_name),
                              array(select n.id from changed n join previous o
                                      on o.practice_id = n.practice_id and o.id = n.id
                                    where o.full_name <> n.full_name));
        update caseload k set sort_name = lower(n.full_name)
        from changed n
        where k.practice_id = n.practice_id and k.client_id = n.id and k.sort_name <> lower(n.full_name);
    end if;
    return null;
end $$;

-- 4 -------------------------------------------------------------------------------------------------------
-- caseload_sync as before (V36), taking the clients' lock through caseload_lock(), with one change: the rows
-- to drop are found by asking the definition (caseload_expected) per row, through index lookups, instead of
-- scanning the materialized CTE of expected rows for each stored row. With the plan made once for any number
-- of clients (below), a CTE scan inside an anti-join is quadratic: a bulk change of 10,000 clients took
-- minutes.
create or replace function caseload_sync(p_practice uuid[], p_client uuid[]) returns void
language plpgsql as $$
begin
    if cardinality(p_client) = 0 then
        return;
    end if;
    perform caseload_lock(p_practice, p_client);

    with keys as (
        select distinct k.practice_id, k.client_id from unnest(p_practice, p_client) as k(practice_id, client_id)
    ), dropped as (
        delete from caseload k
        using keys
        where k.practice_id = keys.practice_id and k.client_id = keys.client_id
          and not exists (select 1 from caseload_expected e
                          where e.practice_id = k.practice_id and e.client_id = k.client_id
                            and e.member_id = k.member_id)
    )
    insert into caseload (practice_id, member_id, client_id, category, sort_name)
    select e.practice_id, e.member_id, e.client_id, e.category, e.sort_name
    from keys
    join caseload_expected e on e.practice_id = keys.practice_id and e.client_id = keys.client_id
    on conflict (practice_id, member_id, client_id) do update
        set category = excluded.category, sort_name = excluded.sort_name
        where caseload.category <> excluded.category or caseload.sort_name <> excluded.sort_name;
end $$;

-- The pool runs with plan_cache_mode=force_custom_plan (a generic plan for a supervisor's pending notes was
-- 5x slower), and that applies to the statements inside these functions too: each call planned their
-- statements anew (~0.5-1 ms of a one-client change). Their statements are driven by the arrays of changed
-- clients, through primary-key and (practice, client) index lookups whatever the values, so the plan is the
-- same for every call: plan it once per connection.
alter function caseload_sync(uuid[], uuid[]) set plan_cache_mode = force_generic_plan;
alter function client_numbers_sync(uuid[], uuid[]) set plan_cache_mode = force_generic_plan;
