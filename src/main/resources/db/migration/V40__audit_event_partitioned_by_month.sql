-- The audit trail partitioned by month (issue 9, "the audit at scale"): one partition per calendar
-- month in UTC, audit_event_YYYY_MM, plus audit_event_default for any row whose month has no
-- partition (a write must never fail for lack of one). Retention (six years, SPEC §8 / HIPAA) is then
-- detaching and dropping a whole month, never deleting rows: see docs/security.md §6.
--
-- The application creates this month's partition and the next two at start-up and daily
-- (app.caseload.audit.AuditPartitions, through audit_event_create_partition below); this migration
-- creates those of the months that already hold rows, and of this month and the next two.
--
-- Existing rows are copied, not attached. Attaching the old table as one partition would cost no
-- rewrite, but its range would have to run from the first row ever written to this month's end, so it
-- could only be dropped once its newest row is six years old: retention would wait six years for
-- everything written so far, and the one big partition would never look like the others. The copy is
-- one INSERT … SELECT into the month partitions, before their indexes exist (each index is then
-- built once, sorted, rather than grown row by row); like every Flyway migration on PostgreSQL it is
-- one transaction, so a failure leaves the old table as it was. It needs the table's size again in
-- free disk while it runs (docs/performance.md, "The audit at scale").

-- 1. The old table steps aside, with the names of its indexes (the new ones take them).
alter table audit_event rename to audit_event_unpartitioned;
alter index audit_event_pkey rename to audit_event_unpartitioned_pkey;
drop index audit_event_practice_idx, audit_event_actor_idx, audit_event_target_idx, audit_event_clients_idx;

-- 2. The same columns and checks, partitioned by the time of the event.
create table audit_event (
    id               uuid        not null,
    at               timestamptz not null,
    -- Null only for sign-in attempts that cannot be tied to a practice (unknown email).
    practice_id      uuid,
    actor_account_id uuid,
    actor_member_id  uuid,
    action           text        not null constraint audit_event_action_check check (length(action) between 1 and 64),
    target_type      text        constraint audit_event_target_type_check check (length(target_type) <= 32),
    target_id        uuid,
    -- Every client a read returned (a list records all of them); also the client of a change.
    client_ids       uuid[]      not null default '{}',
    ip               text        constraint audit_event_ip_check check (length(ip) <= 64),
    -- Ids and enum values only; never names or clinical text.
    detail           jsonb       not null default '{}'::jsonb
) partition by range (at);

comment on table audit_event is
    'Append-only audit trail (SPEC §8), partitioned by UTC month: audit_event_YYYY_MM and audit_event_default. '
    'Retention drops a detached month partition; see docs/security.md.';

-- 3. Making a month's partition, for this migration and for the application (AuditPartitions). Creating
-- a partition takes the owner of audit_event, and on an external database the application should run as
-- a role that does not own it (docs/security.md): these SECURITY DEFINER functions let it create month
-- partitions, with their TRUNCATE guard, and nothing else. Bounds are written with +00: UTC months
-- whatever the session's time zone. One caller at a time (a transaction-level advisory lock), so two
-- nodes take turns; the table lock that creating a partition needs is waited for at most 5 s (audit
-- writes queue behind it meanwhile).
create function audit_event_create_partition(first_day date) returns text
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    name text := 'audit_event_' || to_char(first_day, 'YYYY_MM');
    attached boolean;
begin
    if first_day is null or extract(day from first_day) <> 1 then
        raise exception 'not the first day of a month: %', first_day using errcode = 'invalid_parameter_value';
    end if;
    perform pg_advisory_xact_lock(7022629598040911988); -- 'audit_pt' in ASCII
    perform set_config('lock_timeout', '5s', true);
    select c.relispartition into attached from pg_class c where c.oid = to_regclass(name);
    if attached then
        return 'EXISTED';
    elsif attached is not null then
        return 'NOT_A_PARTITION';
    end if;
    execute format('create table %I partition of audit_event for values from (%L) to (%L)',
                   name,
                   to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
                   to_char(first_day + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    execute format('create trigger audit_event_no_truncate before truncate on %I'
                       || ' for each statement execute function audit_event_is_append_only()', name);
    return 'CREATED';
end
$$;

-- Adds the TRUNCATE guard to every partition without it (one an operator made by hand); answers their names.
create function audit_event_guard_partitions() returns setof text
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    partition regclass;
begin
    perform pg_advisory_xact_lock(7022629598040911988);
    perform set_config('lock_timeout', '5s', true);
    for partition in
        select i.inhrelid::regclass from pg_inherits i
        where i.inhparent = 'audit_event'::regclass
          and not exists (select from pg_trigger t
                          where t.tgrelid = i.inhrelid and t.tgname = 'audit_event_no_truncate')
    loop
        execute format('create trigger audit_event_no_truncate before truncate on %s'
                           || ' for each statement execute function audit_event_is_append_only()', partition);
        return next partition::text;
    end loop;
end
$$;

-- 4. The partitions: every month that holds rows, this month and the next two, and the default.
select audit_event_create_partition(first_day)
from (select distinct (date_trunc('month', at, 'UTC') at time zone 'UTC')::date as first_day
      from audit_event_unpartitioned
      union
      select (date_trunc('month', now() at time zone 'UTC') + make_interval(months => ahead))::date
      from generate_series(0, 2) ahead) months;
create table audit_event_default partition of audit_event default;

-- 5. The rows, in one statement.
insert into audit_event (id, at, practice_id, actor_account_id, actor_member_id, action, target_type, target_id,
                         client_ids, ip, detail)
select id, at, practice_id, actor_account_id, actor_member_id, action, target_type, target_id, client_ids, ip, detail
from audit_event_unpartitioned;

-- Dropping a table fires no row or TRUNCATE trigger: the same path retention takes.
drop table audit_event_unpartitioned;

-- 6. The key and the indexes, as partitioned indexes: created on the parent, built on every partition,
-- and created by PostgreSQL on every partition made later. A primary key of a partitioned table must
-- contain the partition key, hence (id, at); ids are random UUIDs, unique by themselves.
alter table audit_event add primary key (id, at);
create index audit_event_practice_idx on audit_event (practice_id, at desc, id desc);
create index audit_event_actor_idx on audit_event (practice_id, actor_member_id, at desc, id desc);
create index audit_event_target_idx on audit_event (practice_id, target_id);
create index audit_event_clients_idx on audit_event using gin (client_ids);

-- 7. Append-only, as before (V20's audit_event_is_append_only). A row trigger on the partitioned table
-- is cloned by PostgreSQL onto every partition, present and future, so UPDATE and DELETE are refused
-- through the parent and on a partition named directly. A statement-level TRUNCATE trigger is not
-- cloned: the parent's refuses TRUNCATE audit_event, and each partition has its own (the month
-- partitions from audit_event_create_partition, the default from audit_event_guard_partitions).
-- Detaching and dropping a partition fires neither: that is the retention path (docs/security.md).
create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

select audit_event_guard_partitions();
