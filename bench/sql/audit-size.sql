-- What an audit row costs on disk, per typical shape, indexes included (issue 9, "the audit at scale";
-- docs/performance.md). Run by `bench/bench audit-size [--rows 100000]` on a fresh, migrated embedded
-- database (deleted afterwards); with psql on any migrated scratch database:
--   psql -v ON_ERROR_STOP=1 -c 'set bench.audit_rows = 100000' -f bench/sql/audit-size.sql
-- (one session: the setting is read by every step; without it, 100,000 rows per shape).
--
-- Each shape gets a month partition of its own in 2031, so that pg_total_relation_size of the
-- partition is that shape's cost: heap, TOAST and the five indexes (primary key, practice, actor,
-- target, GIN on client_ids). Rows are written as the app writes them: in time order, one by one into
-- indexes that already exist (not bulk-built, which would pack them tighter than a live table is),
-- then VACUUM, which moves the GIN index's pending list into the index, as autovacuum does.
--
-- The practice is the biggest one of the benchmark: 221 members, 50,000 clients; member m holds
-- clients m*226 .. m*226+225. Shapes:
--   list   client.list by a member: 50 of their clients (the first page 70 % of the time, else one of
--          the next four), detail {"read": "true"}
--   single client.detail: one of their clients, also the target (CLIENT, id)
--   write  session.scheduled: target SESSION, the client, detail {therapistId, startsAt}
-- Every draw comes from a hash of the row number, so every run writes the same shape.

-- @step partitions
create table if not exists audit_event_2031_01 partition of audit_event
    for values from ('2031-01-01 00:00:00+00') to ('2031-02-01 00:00:00+00');
create table if not exists audit_event_2031_02 partition of audit_event
    for values from ('2031-02-01 00:00:00+00') to ('2031-03-01 00:00:00+00');
create table if not exists audit_event_2031_03 partition of audit_event
    for values from ('2031-03-01 00:00:00+00') to ('2031-04-01 00:00:00+00');

-- @step list
insert into audit_event (id, at, practice_id, actor_account_id, actor_member_id, action, target_type, target_id,
                         client_ids, ip, detail)
select gen_random_uuid(),
       timestamptz '2031-01-01 00:00:00+00' + (g - 1) * (interval '31 days' / n),
       md5('big practice')::uuid,
       md5('account ' || m)::uuid,
       md5('member ' || m)::uuid,
       'client.list', null, null,
       array(select md5('client ' || (m * 226 + (p * 50 + k) % 226))::uuid from generate_series(0, 49) k),
       '10.20.' || m / 256 || '.' || m % 256,
       '{"read": "true"}'
from (select coalesce(nullif(current_setting('bench.audit_rows', true), ''), '100000')::int as n) settings,
     generate_series(1, n) g,
     lateral (select (hashint4(g) & 2147483647) % 221 as m,
                     case when (hashint4(g + 1) & 2147483647) % 10 < 7 then 0
                          else 1 + (hashint4(g + 2) & 2147483647) % 4 end as p) draw
order by g;

-- @step single
insert into audit_event (id, at, practice_id, actor_account_id, actor_member_id, action, target_type, target_id,
                         client_ids, ip, detail)
select gen_random_uuid(),
       timestamptz '2031-02-01 00:00:00+00' + (g - 1) * (interval '28 days' / n),
       md5('big practice')::uuid,
       md5('account ' || m)::uuid,
       md5('member ' || m)::uuid,
       'client.detail', 'CLIENT', client,
       array[client],
       '10.20.' || m / 256 || '.' || m % 256,
       '{"read": "true"}'
from (select coalesce(nullif(current_setting('bench.audit_rows', true), ''), '100000')::int as n) settings,
     generate_series(1, n) g,
     lateral (select (hashint4(g) & 2147483647) % 221 as m) draw,
     lateral (select md5('client ' || (m * 226 + (hashint4(g + 1) & 2147483647) % 226))::uuid as client) picked
order by g;

-- @step write
insert into audit_event (id, at, practice_id, actor_account_id, actor_member_id, action, target_type, target_id,
                         client_ids, ip, detail)
select gen_random_uuid(),
       at,
       md5('big practice')::uuid,
       md5('account ' || m)::uuid,
       md5('member ' || m)::uuid,
       'session.scheduled', 'SESSION', gen_random_uuid(),
       array[client],
       '10.20.' || m / 256 || '.' || m % 256,
       jsonb_build_object('therapistId', md5('member ' || m)::uuid::text,
                          'startsAt', to_char((at + interval '7 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"'))
from (select coalesce(nullif(current_setting('bench.audit_rows', true), ''), '100000')::int as n) settings,
     generate_series(1, n) g,
     lateral (select timestamptz '2031-03-01 00:00:00+00' + (g - 1) * (interval '31 days' / n) as at,
                     (hashint4(g) & 2147483647) % 221 as m) draw,
     lateral (select md5('client ' || (m * 226 + (hashint4(g + 1) & 2147483647) % 226))::uuid as client) picked
order by g;

-- @step vacuum
vacuum (analyze) audit_event_2031_01, audit_event_2031_02, audit_event_2031_03;

-- @step report
with shape (name, partition) as (
    values ('list read, 50 clients', 'audit_event_2031_01'::regclass),
           ('single-client read', 'audit_event_2031_02'::regclass),
           ('write (session.scheduled)', 'audit_event_2031_03'::regclass)),
measured as (
    select s.name, s.partition,
           (select count(*) from audit_event e where e.tableoid = s.partition) as n,
           pg_table_size(s.partition) as heap,
           pg_total_relation_size(s.partition) as total,
           (select avg(pg_column_size(e.*)) from audit_event e where e.tableoid = s.partition) as row_bytes,
           (select avg(pg_column_size(e.client_ids)) from audit_event e where e.tableoid = s.partition) as ids_bytes
    from shape s),
indexed as (
    select m.partition, parent.relname as index, pg_relation_size(i.indexrelid) as bytes
    from measured m
    join pg_index i on i.indrelid = m.partition
    join pg_inherits h on h.inhrelid = i.indexrelid
    join pg_class parent on parent.oid = h.inhparent)
select '| ' || m.name
       || ' | ' || m.n
       || ' | ' || round(m.row_bytes)
       || ' | ' || round(m.ids_bytes)
       || ' | ' || round(m.heap::numeric / m.n)
       || ' | ' || (select string_agg(round(x.bytes::numeric / m.n) || '', ' | ' order by x.index)
                    from indexed x where x.partition = m.partition)
       || ' | **' || round(m.total::numeric / m.n) || '** |'
from measured m
order by m.name;
