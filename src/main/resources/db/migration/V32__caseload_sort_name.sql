-- A member's clients in name order, straight from the relation.
--
-- Lists and caseloads are keyset pages in (lower(full_name), id) order. With only (member, client) in the
-- relation, a therapist's page had to fetch every client the therapist holds, sort them and keep 51; a
-- supervisor's did that for five or six members. Keeping the client's sort key beside each row lets one
-- member's page be the first rows of an index range, and a lens of a few members a merge of a few such
-- ranges (clients.ClientVisibility.firstVisible).
--
-- sort_name is part of the relation's definition (caseload_expected), so the same triggers keep it, a
-- rename re-derives the client's rows, and the consistency guard compares it.

alter table caseload add column sort_name text;
update caseload k set sort_name = lower(c.full_name)
from client c where c.practice_id = k.practice_id and c.id = k.client_id;
alter table caseload alter column sort_name set not null;

create index caseload_member_name_idx on caseload (practice_id, member_id, sort_name, client_id) include (category);

create or replace view caseload_expected as
select c.practice_id, held.member_id, c.id as client_id, held.category, lower(c.full_name) as sort_name
from client c
cross join lateral (
    select c.therapist_id as member_id, case c.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end as category
    union all
    select distinct s.therapist_id, case c.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end
    from session s
    where s.practice_id = c.practice_id and s.client_id = c.id
      and s.status <> 'CANCELLED' and s.therapist_id <> c.therapist_id
) held;

create or replace function caseload_sync(p_practice uuid[], p_client uuid[]) returns void
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

create or replace function caseload_client_updated() returns trigger language plpgsql as $$
begin
    -- A change of therapist or kind moves the relation; a rename moves the rows' sort key.
    perform caseload_sync(array(select n.practice_id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind
                                   or o.full_name <> n.full_name),
                          array(select n.id from changed n join previous o
                                  on o.practice_id = n.practice_id and o.id = n.id
                                where o.therapist_id <> n.therapist_id or o.kind <> n.kind
                                   or o.full_name <> n.full_name));
    return null;
end $$;

drop function caseload_differences();
-- The consistency guard: every row that differs between the relation and its definition.
-- 'missing' rows are expected but absent (or held with another category or sort key), 'extra' rows are
-- present but not expected.
create function caseload_differences()
returns table (difference text, practice_id uuid, member_id uuid, client_id uuid, category text, sort_name text)
language sql stable as $$
    (select 'missing', e.practice_id, e.member_id, e.client_id, e.category, e.sort_name from caseload_expected e
     except
     select 'missing', k.practice_id, k.member_id, k.client_id, k.category, k.sort_name from caseload k)
    union all
    (select 'extra', k.practice_id, k.member_id, k.client_id, k.category, k.sort_name from caseload k
     except
     select 'extra', e.practice_id, e.member_id, e.client_id, e.category, e.sort_name from caseload_expected e)
$$;
