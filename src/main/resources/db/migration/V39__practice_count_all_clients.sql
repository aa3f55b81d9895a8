-- Every client of a practice, kept with the practice's other numbers (V33).
--
-- The dashboard's client list shows its total ("1,234 clients"). For an admin's unfiltered list that is
-- every client of the practice, whatever their status: counting them per page load read all of a big
-- practice's clients (50,000 rows). Kept as one more appended count, it is the sum of a few rows.
-- Only inserting and deleting clients changes it; updates append 0 (the column's default).

alter table practice_count add column all_clients bigint not null default 0;

create or replace function practice_count_clients_inserted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes, all_clients)
    select n.practice_id, sum(k.active), sum(k.high_risk), 0, count(*)
    from changed n cross join lateral practice_count_of_client(n.status, n.risk_level) k
    group by n.practice_id;
    return null;
end $$;

create or replace function practice_count_clients_deleted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes, all_clients)
    select o.practice_id, -sum(k.active), -sum(k.high_risk), 0, -count(*)
    from previous o cross join lateral practice_count_of_client(o.status, o.risk_level) k
    -- (a practice being deleted takes its counts with it)
    where exists (select 1 from practice p where p.id = o.practice_id)
    group by o.practice_id;
    return null;
end $$;

create or replace function practice_counts_compact(p_practice uuid) returns void language sql as $$
    with gone as (delete from practice_count where practice_id = p_practice returning *)
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes, all_clients)
    select p_practice, sum(active_clients), sum(high_risk_clients), sum(pending_notes), sum(all_clients) from gone
    having count(*) > 0
$$;

drop function practice_count_differences();
-- The consistency guard: practices whose kept numbers differ from a recount of the base tables.
create function practice_count_differences()
returns table (practice_id uuid, kept_active bigint, counted_active bigint, kept_high_risk bigint,
               counted_high_risk bigint, kept_pending bigint, counted_pending bigint,
               kept_clients bigint, counted_clients bigint)
language sql stable as $$
    with counted as (
        select p.id as practice_id,
               coalesce((select sum(k.active) from client c
                         cross join lateral practice_count_of_client(c.status, c.risk_level) k
                         where c.practice_id = p.id), 0) as active,
               coalesce((select sum(k.high_risk) from client c
                         cross join lateral practice_count_of_client(c.status, c.risk_level) k
                         where c.practice_id = p.id), 0) as high_risk,
               coalesce((select sum(practice_count_of_session(s.status, s.note_status)) from session s
                         where s.practice_id = p.id), 0) as pending,
               (select count(*) from client c where c.practice_id = p.id) as clients
        from practice p
    ), kept as (
        select p.id as practice_id,
               coalesce(sum(pc.active_clients), 0) as active,
               coalesce(sum(pc.high_risk_clients), 0) as high_risk,
               coalesce(sum(pc.pending_notes), 0) as pending,
               coalesce(sum(pc.all_clients), 0) as clients
        from practice p left join practice_count pc on pc.practice_id = p.id
        group by p.id
    )
    select c.practice_id, k.active, c.active, k.high_risk, c.high_risk, k.pending, c.pending, k.clients, c.clients
    from counted c join kept k using (practice_id)
    where (c.active, c.high_risk, c.pending, c.clients) is distinct from (k.active, k.high_risk, k.pending, k.clients)
$$;

-- Existing data: one row per practice with its clients.
insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes, all_clients)
select c.practice_id, 0, 0, 0, count(*) from client c group by c.practice_id;
