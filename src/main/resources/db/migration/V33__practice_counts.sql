-- The practice's own numbers (SPEC §4: active clients, high-risk clients, pending notes) kept as counts.
--
-- Counting them on every Home page load read all of a big practice's clients and sessions (50,000 and
-- 250,000: ~400 ms). Instead, every statement that changes clients or sessions appends, in the same
-- transaction, one row per practice with what it changed; the numbers are the sum of a practice's rows.
--
-- Why deltas appended and not one row updated: one counter row per practice would make every write of
-- the practice wait for every other's commit on that row, and two transactions touching it in different
-- statements could deadlock. Inserts never wait. practice_counts_compact() folds a practice's rows into
-- one (app: clients.ClientNumbers, when a read finds many); two folds at once each delete rows the other
-- has not, so the sum never changes.
--
-- practice_count_differences() recounts from the base tables: the consistency guard, as for the caseload.

create table practice_count (
    practice_id       uuid   not null references practice (id) on delete cascade,
    id                bigint generated always as identity,
    active_clients    bigint not null,
    high_risk_clients bigint not null,
    pending_notes     bigint not null,
    primary key (practice_id, id)
);

-- What one client and one session add to the numbers: the definitions, in one place each.
create function practice_count_of_client(status text, risk_level text) returns table (active bigint, high_risk bigint)
language sql immutable as $$
    select (status = 'ACTIVE')::int::bigint, (status = 'ACTIVE' and risk_level in ('HIGH', 'IMMINENT'))::int::bigint
$$;

create function practice_count_of_session(status text, note_status text) returns bigint
language sql immutable as $$
    select (status = 'COMPLETED' and note_status <> 'SIGNED')::int::bigint
$$;

-- One function per event, each reading the transition tables that event has.
create function practice_count_clients_inserted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select n.practice_id, sum(k.active), sum(k.high_risk), 0
    from changed n cross join lateral practice_count_of_client(n.status, n.risk_level) k
    group by n.practice_id having sum(k.active) <> 0 or sum(k.high_risk) <> 0;
    return null;
end $$;

create function practice_count_sessions_inserted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select n.practice_id, 0, 0, sum(practice_count_of_session(n.status, n.note_status))
    from changed n group by n.practice_id having sum(practice_count_of_session(n.status, n.note_status)) <> 0;
    return null;
end $$;

create function practice_count_clients_deleted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select o.practice_id, -sum(k.active), -sum(k.high_risk), 0
    from previous o cross join lateral practice_count_of_client(o.status, o.risk_level) k
    -- (a practice being deleted takes its counts with it)
    where exists (select 1 from practice p where p.id = o.practice_id)
    group by o.practice_id having sum(k.active) <> 0 or sum(k.high_risk) <> 0;
    return null;
end $$;

create function practice_count_sessions_deleted() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select o.practice_id, 0, 0, -sum(practice_count_of_session(o.status, o.note_status))
    from previous o
    where exists (select 1 from practice p where p.id = o.practice_id)
    group by o.practice_id having sum(practice_count_of_session(o.status, o.note_status)) <> 0;
    return null;
end $$;

create function practice_count_clients_updated() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select d.practice_id, sum(d.active), sum(d.high_risk), 0
    from (select n.practice_id, k.active, k.high_risk
          from changed n cross join lateral practice_count_of_client(n.status, n.risk_level) k
          union all
          select o.practice_id, -k.active, -k.high_risk
          from previous o cross join lateral practice_count_of_client(o.status, o.risk_level) k) d
    group by d.practice_id
    having sum(d.active) <> 0 or sum(d.high_risk) <> 0;
    return null;
end $$;

create function practice_count_sessions_updated() returns trigger language plpgsql as $$
begin
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select d.practice_id, 0, 0, sum(d.pending)
    from (select n.practice_id, practice_count_of_session(n.status, n.note_status) as pending from changed n
          union all
          select o.practice_id, -practice_count_of_session(o.status, o.note_status) from previous o) d
    group by d.practice_id
    having sum(d.pending) <> 0;
    return null;
end $$;

create trigger practice_count_clients_inserted after insert on client
    referencing new table as changed for each statement execute function practice_count_clients_inserted();
create trigger practice_count_clients_updated after update on client
    referencing old table as previous new table as changed
    for each statement execute function practice_count_clients_updated();
create trigger practice_count_clients_deleted after delete on client
    referencing old table as previous for each statement execute function practice_count_clients_deleted();
create trigger practice_count_sessions_inserted after insert on session
    referencing new table as changed for each statement execute function practice_count_sessions_inserted();
create trigger practice_count_sessions_updated after update on session
    referencing old table as previous new table as changed
    for each statement execute function practice_count_sessions_updated();
create trigger practice_count_sessions_deleted after delete on session
    referencing old table as previous for each statement execute function practice_count_sessions_deleted();

-- Folds a practice's rows into one; the sum stays what it was.
create function practice_counts_compact(p_practice uuid) returns void language sql as $$
    with gone as (delete from practice_count where practice_id = p_practice returning *)
    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
    select p_practice, sum(active_clients), sum(high_risk_clients), sum(pending_notes) from gone
    having count(*) > 0
$$;

-- The consistency guard: practices whose kept numbers differ from a recount of the base tables.
create function practice_count_differences()
returns table (practice_id uuid, kept_active bigint, counted_active bigint, kept_high_risk bigint,
               counted_high_risk bigint, kept_pending bigint, counted_pending bigint)
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
                         where s.practice_id = p.id), 0) as pending
        from practice p
    ), kept as (
        select p.id as practice_id,
               coalesce(sum(pc.active_clients), 0) as active,
               coalesce(sum(pc.high_risk_clients), 0) as high_risk,
               coalesce(sum(pc.pending_notes), 0) as pending
        from practice p left join practice_count pc on pc.practice_id = p.id
        group by p.id
    )
    select c.practice_id, k.active, c.active, k.high_risk, c.high_risk, k.pending, c.pending
    from counted c join kept k using (practice_id)
    where (c.active, c.high_risk, c.pending) is distinct from (k.active, k.high_risk, k.pending)
$$;

-- Existing data: one row per practice.
insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes)
select p.id,
       coalesce(sum(k.active), 0), coalesce(sum(k.high_risk), 0),
       coalesce((select sum(practice_count_of_session(s.status, s.note_status)) from session s
                 where s.practice_id = p.id), 0)
from practice p
left join client c on c.practice_id = p.id
left join lateral practice_count_of_client(c.status, c.risk_level) k on true
group by p.id;
