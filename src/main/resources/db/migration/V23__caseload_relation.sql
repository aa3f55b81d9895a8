-- The caseload relation (SPEC §5, STYLE 13): who holds which client, and how, kept as rows.
--
-- One row per (member, client) the member holds:
--   DIRECT    the assigned therapist of a direct client;
--   PRIMARY   the primary therapist of a practice client;
--   WALK_IN   a practice client someone else is primary for, with a non-cancelled session of the member;
--   RENDERED  a direct client assigned to someone else, with a non-cancelled session the member rendered
--             (what is left after a direct client moved: it opens those sessions and their notes, not the
--             client's record).
-- A member's lens (themself, plus current supervisees for an Active supervisor while supervision is on) is
-- decided in the application (clients.ClientVisibility); everything about clients is read from here.
--
-- caseload_expected is the one definition, from the base tables. Triggers keep caseload equal to it in the
-- same statement as every change of client or session (create, reassign single and bulk, hand-over on
-- removal, schedule, cancel, complete, no-show, kind); caseload_differences() recomputes it in full and
-- lists what differs (the consistency guard).

create table caseload (
    practice_id uuid not null,
    member_id   uuid not null,
    client_id   uuid not null,
    category    text not null check (category in ('DIRECT', 'PRIMARY', 'WALK_IN', 'RENDERED')),
    -- A member's clients (list, caseload, lens lookups) as an index-only scan.
    primary key (practice_id, member_id, client_id) include (category),
    foreign key (practice_id, member_id) references member (practice_id, id),
    foreign key (practice_id, client_id) references client (practice_id, id) on delete cascade
);
-- Who holds one client (detail, who may change it, refreshing the relation after a change).
create index caseload_client_idx on caseload (practice_id, client_id, member_id) include (category);

-- Driven by the client row, so a filter on (practice_id, client_id) becomes index lookups on both sides.
create view caseload_expected as
select c.practice_id, held.member_id, c.id as client_id, held.category
from client c
cross join lateral (
    select c.therapist_id as member_id, case c.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end as category
    union all
    select distinct s.therapist_id, case c.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end
    from session s
    where s.practice_id = c.practice_id and s.client_id = c.id
      and s.status <> 'CANCELLED' and s.therapist_id <> c.therapist_id
) held;

-- Brings the rows of the given clients in line with caseload_expected.
create function caseload_sync(p_practice uuid[], p_client uuid[]) returns void
language plpgsql as $$
begin
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
        select e.practice_id, e.member_id, e.client_id, e.category
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
    insert into caseload (practice_id, member_id, client_id, category)
    select practice_id, member_id, client_id, category from expected
    on conflict (practice_id, member_id, client_id) do update set category = excluded.category
        where caseload.category <> excluded.category;
end $$;

create function caseload_client_inserted() returns trigger language plpgsql as $$
begin
    perform caseload_sync(array(select practice_id from changed), array(select id from changed));
    return null;
end $$;

create function caseload_client_updated() returns trigger language plpgsql as $$
begin
    -- Only a change of therapist or kind moves the relation.
    perform caseload_sync(array(select n.practice_id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind),
                          array(select n.id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind));
    return null;
end $$;

create function caseload_session_inserted() returns trigger language plpgsql as $$
begin
    perform caseload_sync(array(select practice_id from changed), array(select client_id from changed));
    return null;
end $$;

create function caseload_session_updated() returns trigger language plpgsql as $$
begin
    -- Only a change of status, therapist or client moves the relation (not notes, charges or times).
    perform caseload_sync(
        array(select o.practice_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.status <> n.status or o.therapist_id <> n.therapist_id or o.client_id <> n.client_id
              union all
              select n.practice_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.client_id <> n.client_id),
        array(select o.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.status <> n.status or o.therapist_id <> n.therapist_id or o.client_id <> n.client_id
              union all
              select n.client_id from changed n join previous o on o.practice_id = n.practice_id and o.id = n.id
              where o.client_id <> n.client_id));
    return null;
end $$;

create function caseload_session_deleted() returns trigger language plpgsql as $$
begin
    perform caseload_sync(array(select practice_id from previous), array(select client_id from previous));
    return null;
end $$;

create trigger caseload_client_inserted after insert on client
    referencing new table as changed for each statement execute function caseload_client_inserted();
create trigger caseload_client_updated after update on client
    referencing old table as previous new table as changed for each statement execute function caseload_client_updated();
create trigger caseload_session_inserted after insert on session
    referencing new table as changed for each statement execute function caseload_session_inserted();
create trigger caseload_session_updated after update on session
    referencing old table as previous new table as changed for each statement execute function caseload_session_updated();
create trigger caseload_session_deleted after delete on session
    referencing old table as previous for each statement execute function caseload_session_deleted();

-- The consistency guard: every row that differs between the relation and its definition.
-- 'missing' rows are expected but absent (or held with another category), 'extra' rows are present but not expected.
create function caseload_differences()
returns table (difference text, practice_id uuid, member_id uuid, client_id uuid, category text)
language sql stable as $$
    (select 'missing', e.practice_id, e.member_id, e.client_id, e.category from caseload_expected e
     except
     select 'missing', k.practice_id, k.member_id, k.client_id, k.category from caseload k)
    union all
    (select 'extra', k.practice_id, k.member_id, k.client_id, k.category from caseload k
     except
     select 'extra', e.practice_id, e.member_id, e.client_id, e.category from caseload_expected e)
$$;

-- Existing data.
insert into caseload (practice_id, member_id, client_id, category)
select practice_id, member_id, client_id, category from caseload_expected;
