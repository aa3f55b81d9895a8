-- The benchmark's data, set-based (generate_series, INSERT ... SELECT), through the real schema.
--
-- Run by `bench/bench generate` (app.caseload.bench.Generator) on a freshly migrated database.
-- Everything up to the `-- @commit` line runs in one transaction; the parallel steps after it run
-- once per part, each on its own connection. Working tables and the helper function live in the
-- schema `bench` (search_path = bench, public), dropped at the end. Before this script the Java side
--   * created bench.bench_settings (scale float8, password_hash text, anchor timestamptz),
--   * dropped the keys, indexes and foreign keys of the bulk tables (client, client_assignment,
--     client_risk, session, and caseload when it exists) -- exclusion constraints stay in place --,
--   * truncated the tables it fills (so that, with wal_level=minimal, the first transaction writes
--     no WAL).
-- After it, the Java side recreates those keys, indexes and foreign keys from their catalogue
-- definitions (so every row below is validated by the very constraints the migrations declare),
-- fills the caseload relation from caseload_expected when it exists, and runs VACUUM ANALYZE.
--
-- Shape at scale 1: 10,000 practices, 1,000,000 clients, about 5,000,000 sessions.
--   practice 1 ("big"): 50,000 clients, ~250,000 sessions, 221 members, 20 supervisors with
--     5 supervisees each (100 supervisions), supervision on; the known members live here;
--   practices 2..7 ("large"): 10k, 12k, 15k, 20k, 28k, 40k clients, one member per ~200 clients;
--   the rest: 90% "small" (5-20 members, 50-200 clients, skewed low), 10% "tiny" (1-4 members,
--     5-49 clients); the small ones absorb the remainder so that clients total exactly 1,000,000*scale.
-- Every number is drawn from a hash of the entity's key (bench.u), so a given scale always yields
-- the same shape (ids are random UUIDs, as the app makes them).
--
-- Times: sessions lie between 730 days before the anchor (now) and 30 days after, 12 one-hour slots
-- a day (08:00-20:00 UTC) per therapist, each session in its own slot of its rendering therapist,
-- so the no-overlap exclusion constraint holds. Past sessions are mostly COMPLETED (some CANCELLED
-- or NO_SHOW), future ones SCHEDULED (some CANCELLED); notes of the last 14 days are often not
-- final yet. Practice clients see another therapist in ~15% of their sessions (walk-ins).

-- @step helpers
-- The anchor (now) and the first day of the session calendar as epoch seconds: cheap arithmetic.
create unlogged table bench_time as
select extract(epoch from anchor)::float8 as anchor_e,
       extract(epoch from date_trunc('day', anchor))::float8 - 730 * 86400 as base_e
from bench_settings;

-- A uniform number in [0, 1) drawn from a key and a salt: deterministic, cheap, inlinable.
create function bench.u(k bigint, salt int) returns float8
    language sql immutable parallel safe
as $$ select (hashint8extended(k, salt) & 4503599627370495)::float8 / 4503599627370496.0 $$;

create unlogged table bench_first_names as
select row_number() over () as i, n from unnest(array[
    'Ava', 'Liam', 'Olivia', 'Noah', 'Emma', 'Elijah', 'Sophia', 'James', 'Isabella', 'Lucas',
    'Mia', 'Mateo', 'Amelia', 'Benjamin', 'Harper', 'Levi', 'Evelyn', 'Henry', 'Abigail', 'Jack',
    'Emily', 'Owen', 'Ella', 'Samuel', 'Aria', 'Daniel', 'Scarlett', 'David', 'Grace', 'Joseph',
    'Chloe', 'Carter', 'Zoey', 'Wyatt', 'Nora', 'John', 'Lily', 'Luke', 'Hannah', 'Julian',
    'Layla', 'Isaac', 'Riley', 'Gabriel', 'Zoe', 'Anthony', 'Stella', 'Dylan', 'Aurora', 'Leo',
    'Priya', 'Wei', 'Fatima', 'Mohammed', 'Yuki', 'Sofia', 'Diego', 'Amara', 'Kofi', 'Ingrid']) n;
create unlogged table bench_last_names as
select row_number() over () as i, n from unnest(array[
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
    'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
    'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
    'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
    'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
    'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
    'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
    'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Okafor']) n;

-- @step practices
create unlogged table bp as
with n as (
    select scale, anchor,
           greatest(8, round(10000 * scale))::int as n_practices,
           greatest(20, round(50000 * scale))::int as big_clients,
           greatest(100, round(1000000 * scale))::int as total_clients
    from bench_settings),
base as (
    select p, case when p = 1 then 'big' when p <= 7 then 'large'
                   when bench.u(p, 1) < 0.1 then 'tiny' else 'small' end as size
    from n, generate_series(1, n.n_practices) p),
raw as (
    select b.p, b.size,
           case b.size
               when 'big' then n.big_clients
               when 'large' then greatest(10, round((array[10000, 12000, 15000, 20000, 28000, 40000])[b.p - 1] * n.scale))::int
               when 'tiny' then 5 + floor(45 * bench.u(b.p, 2))::int
               else 50 + floor(150 * power(bench.u(b.p, 2), 3))::int
           end as raw_clients
    from base b, n),
adjusted as (
    -- the remainder to reach total_clients exactly, spread over the small and tiny practices
    select r.*,
           (select n.total_clients from n) - sum(raw_clients) over () as remainder,
           count(*) filter (where size in ('small', 'tiny')) over () as n_variable,
           case when size in ('small', 'tiny')
                then row_number() over (partition by size in ('small', 'tiny') order by p) end as v
    from raw r),
counted as (
    select p, size,
           greatest(1, raw_clients + coalesce(floor(remainder::numeric * v / n_variable)
                                              - floor(remainder::numeric * (v - 1) / n_variable), 0))::int as n_clients
    from adjusted)
select p, size, gen_random_uuid() as id, n_clients,
       case size
           when 'big' then 221
           when 'large' then greatest(5, round(n_clients / 200.0))::int
           when 'tiny' then 1 + floor(4 * bench.u(p, 3))::int
           else least(20, greatest(5, round(n_clients / 10.0 * (0.7 + 0.6 * bench.u(p, 3)))))::int
       end as n_members,
       size in ('big', 'large') or (size = 'small' and bench.u(p, 4) < 0.6) as supervision
from counted;

insert into practice (id, name, supervision_enabled, created_at)
select id, case when size = 'big' then 'Big Bench Practice' else 'Bench Practice ' || p end, supervision,
       (select anchor from bench_settings) - interval '900 days'
from bp;

insert into role (practice_id, id, name, description, features, requires_supervision, can_supervise,
                  billing_modifier, created_at)
select bp.id, gen_random_uuid(), d.name, d.description, d.features::jsonb, d.requires, d.supervises, d.modifier,
       (select anchor from bench_settings) - interval '900 days'
from bp cross join (values
    ('Intern', 'Pre-licensure intern; works under supervision.',
     '{"notes.sign_independently": false, "clients.create": false}', true, false, 'HL'),
    ('Associate', 'Pre-licensed associate; works under supervision.',
     '{"notes.sign_independently": false}', true, false, 'HO'),
    ('Licensed Therapist', 'Independently licensed clinician.', '{}', false, false, 'HO'),
    ('Supervisor', 'Licensed clinician who supervises interns and associates.',
     '{"clients.reassign": true, "reports.view": true}', false, true, 'HP')
) d (name, description, features, requires, supervises, modifier);

-- @step members
-- Practice 1 is laid out by hand: members 1-4 admins (1 = the known admin), 5-24 supervisors
-- (5 = the known supervisor), 25-124 supervisees (Associates then Interns; supervisee i has
-- supervisor 5 + (i - 25) / 5, so 25 = the known supervisee of the known supervisor), 125-221
-- Licensed Therapists (125 = the known plain therapist); a few On Hold, Inactive and removed.
create unlogged table bm as
select pr.p, pr.id as practice_id, m, pr.supervision, gen_random_uuid() as id, gen_random_uuid() as account_id,
       case
           when pr.size = 'big' then
               case when m <= 4 then 'Licensed Therapist' when m <= 24 then 'Supervisor'
                    when m <= 94 then 'Associate' when m <= 124 then 'Intern' else 'Licensed Therapist' end
           when m = 1 then 'Licensed Therapist'
           when pr.supervision and m = 2 then 'Supervisor'
           when pr.supervision then
               case when x < 0.12 then 'Supervisor' when x < 0.27 then 'Associate' when x < 0.37 then 'Intern'
                    else 'Licensed Therapist' end
           when x < 0.08 then 'Supervisor'
           else 'Licensed Therapist'
       end as role,
       case
           when pr.size = 'big' then
               case when m between 120 and 122 or m between 210 and 214 then 'ON_HOLD'
                    when m >= 215 then 'INACTIVE' else 'ACTIVE' end
           when m <= 2 then 'ACTIVE'
           when y < 0.04 then 'ON_HOLD'
           when y < 0.08 then 'INACTIVE'
           else 'ACTIVE'
       end as status,
       case when pr.size = 'big' then m <= 4 else m = 1 or bench.u(pr.p * 1000 + m, 6) < 0.05 end as admin,
       case when pr.size = 'big' then m >= 219 else m > 2 and y >= 0.06 and y < 0.08 end as removed,
       case when pr.size = 'big' then
           case m when 1 then 'admin@big.bench.test' when 5 then 'supervisor@big.bench.test'
                  when 25 then 'supervisee@big.bench.test' when 125 then 'therapist@big.bench.test' end
       end as known_email
from bp pr
cross join lateral generate_series(1, pr.n_members) m
cross join lateral (select bench.u(pr.p * 1000 + m, 5) as x, bench.u(pr.p * 1000 + m, 7) as y) r;

insert into account (id, email, full_name, password_hash, created_at)
select bm.account_id, coalesce(bm.known_email, 'member-' || bm.p || '-' || bm.m || '@bench.test'),
       f.n || ' ' || l.n, s.password_hash, s.anchor - interval '900 days'
from bm
cross join bench_settings s
join bench_first_names f on f.i = 1 + floor(60 * bench.u(bm.p * 1000 + bm.m, 8))
join bench_last_names l on l.i = 1 + floor(80 * bench.u(bm.p * 1000 + bm.m, 9));

insert into member (practice_id, id, account_id, role_id, status, admin, joined_at, removed_at)
select bm.practice_id, bm.id, bm.account_id, r.id, bm.status, bm.admin,
       s.anchor - interval '900 days' + (bm.m * interval '1 hour'),
       case when bm.removed then s.anchor - interval '100 days' end
from bm
cross join bench_settings s
join role r on r.practice_id = bm.practice_id and r.name = bm.role;

insert into account_membership (account_id, practice_id, member_id)
select account_id, practice_id, id from bm where not removed;

-- @step supervision
alter table bm add column supervisor_id uuid;
create unlogged table bench_supervisors as
select practice_id, p, id, row_number() over (partition by p order by m) - 1 as rank,
       count(*) over (partition by p) as n_sup
from bm where role = 'Supervisor' and not removed and p <> 1;
update bm set supervisor_id = sup.id
from bench_supervisors sup
where bm.p <> 1 and bm.supervision and bm.role in ('Associate', 'Intern') and not bm.removed
  and sup.p = bm.p and sup.rank = floor(sup.n_sup * bench.u(bm.p * 1000 + bm.m, 10))::int;
update bm set supervisor_id = sup.id
from bm sup
where bm.p = 1 and bm.m between 25 and 124 and sup.p = 1 and sup.m = 5 + (bm.m - 25) / 5;

insert into supervision (practice_id, id, supervisee_id, supervisor_id, started_at, started_by)
select bm.practice_id, gen_random_uuid(), bm.id, bm.supervisor_id, s.anchor - interval '400 days', owner.id
from bm
cross join bench_settings s
join bm owner on owner.p = bm.p and owner.m = 1
where bm.supervisor_id is not null;

-- @step clients
-- Who holds clients: current Active or On Hold members (supervisees only with a supervisor), each
-- with a weight in [0.3, 2.0] (1.0 for the known members); a practice's clients are split in
-- proportion to the weights, exactly.
create unlogged table bcl as
with c as (
    select bm.*, r.billing_modifier, r.requires_supervision,
           -- numeric, so that the split below adds up exactly
           case when bm.p = 1 and bm.m in (1, 5, 25, 26, 27, 28, 29, 125) then 1.0
                else round((0.3 + 1.7 * bench.u(bm.p * 1000 + bm.m, 11))::numeric, 6) end as w
    from bm join role r on r.practice_id = bm.practice_id and r.name = bm.role
    where not bm.removed and bm.status in ('ACTIVE', 'ON_HOLD')
      and (bm.role not in ('Associate', 'Intern') or bm.supervisor_id is not null)),
cum as (
    select c.*, (row_number() over (partition by c.p order by c.m) - 1)::int as rank,
           sum(c.w) over (partition by c.p order by c.m) as cum_w
    from c)
select cum.*, count(*) over (partition by cum.p) as n_clin,
       (floor(pr.n_clients * cum.cum_w / max(cum.cum_w) over (partition by cum.p))
        - floor(pr.n_clients * (cum.cum_w - cum.w) / max(cum.cum_w) over (partition by cum.p)))::int as n_clients
from cum join bp pr on pr.p = cum.p;
create index on bcl (p, rank);
analyze bcl;

create unlogged table bcli as
select x.*, bench.u(x.k, 18) >= 0.65 as practice_kind, bench.u(x.k, 19) as v_status,
       bench.u(x.k, 20) as v_risk, floor(11 * bench.u(x.k, 30))::int as n_sessions
from (select cl.practice_id, cl.p, cl.rank, cl.n_clin, cl.id as therapist_id, gen_random_uuid() as id,
             cl.p::bigint * 1000000000 + cl.rank * 1000000 + j as k
      from bcl cl cross join lateral generate_series(1, cl.n_clients) j) x;
analyze bcli;
create unlogged table bench_nums as select n from generate_series(1, 10) n;
analyze bench_nums;

insert into client (practice_id, id, full_name, date_of_birth, email, phone, kind, therapist_id, status, risk_level,
                    created_at, created_by)
select c.practice_id, c.id,
       f.n || ' ' || chr(65 + floor(26 * bench.u(c.k, 14))::int) || '. ' || l.n,
       date '1940-01-01' + floor(26000 * bench.u(c.k, 15))::int,
       case when bench.u(c.k, 16) < 0.6 then lower(f.n) || '.' || lower(l.n) || (c.k % 100000) || '@example.com' end,
       case when bench.u(c.k, 17) < 0.7 then '555-' || lpad((c.k % 10000000)::text, 7, '0') end,
       case when c.practice_kind then 'PRACTICE' else 'DIRECT' end,
       c.therapist_id,
       case when c.v_status < 0.80 then 'ACTIVE' when c.v_status < 0.88 then 'INACTIVE' else 'DISCHARGED' end,
       case when c.v_risk < 0.60 then 'NONE' when c.v_risk < 0.80 then 'LOW' when c.v_risk < 0.92 then 'MODERATE'
            when c.v_risk < 0.98 then 'HIGH' else 'IMMINENT' end,
       s.anchor - interval '800 days' + bench.u(c.k, 21) * interval '700 days',
       owner.id
from bcli c
cross join bench_settings s
join bm owner on owner.p = c.p and owner.m = 1
join bench_first_names f on f.i = 1 + floor(60 * bench.u(c.k, 12))
join bench_last_names l on l.i = 1 + floor(80 * bench.u(c.k, 13));

-- @step client history
-- What registering a client and setting its risk level leave behind in the app.
insert into client_assignment (practice_id, id, client_id, at, by_member_id, from_therapist_id, to_therapist_id)
select practice_id, gen_random_uuid(), id, created_at, created_by, null, therapist_id from client;

insert into client_risk (practice_id, id, client_id, at, by_member_id, level, note)
select practice_id, gen_random_uuid(), id, created_at + interval '1 day', therapist_id, risk_level, null
from client where risk_level <> 'NONE';

-- @commit
-- Everything above commits here. The client side's keys, indexes and constraints are then built on
-- one connection while the sessions below are generated on two others, each for half of the
-- practices (${part} of ${parts}), inserting into a session table whose exclusion constraint is in
-- place: PostgreSQL 17 builds that GiST index tuple by tuple anyway, so inserting in parallel
-- spreads its cost over the cores.

-- @parallel-step sessions
-- 0-10 sessions per client (5 on average). A practice client's session is a walk-in with another
-- holder of the practice in ~15% of cases; each therapist's sessions are then laid out in order on
-- their own one-hour slots (9,120 = 760 days x 12 slots). Times are computed as epoch seconds and
-- each level is fenced with OFFSET 0, so that every value is computed once per row.
insert into session (practice_id, id, client_id, therapist_id, starts_at, ends_at, duration_minutes, service_code,
                     charge_cents, status, billing_modifier, supervisor_id, note_status, note_text, note_signed_at,
                     note_cosigned_by, note_cosigned_at, scheduled_by, created_at)
with planned as (
    select c.practice_id, c.p, c.id as client_id, c.k * 16 + n.n as sk, c.v_status < 0.80 as client_active,
           case when c.practice_kind and c.n_clin > 1 and bench.u(c.k * 16 + n.n, 31) < 0.15
                then (c.rank + 1 + floor((c.n_clin - 1) * bench.u(c.k * 16 + n.n, 32))::int) % c.n_clin
                else c.rank end as rank,
           bench.u(c.k, 33) + n.n * 0.05 as wanted
    from bcli c join bench_nums n on n.n <= c.n_sessions
    where c.p in (
        -- practices dealt to the parts largest first, in snake order (0 1 1 0 0 1 ...), for even halves
        select p from (select p, row_number() over (order by n_clients desc, p) - 1 as r from bp) dealt
        where case when (r / ${parts}) % 2 = 0 then r % ${parts} else ${parts} - 1 - r % ${parts} end = ${part})
    offset 0),
placed as (
    select pl.*, t.id as therapist_id, t.billing_modifier, t.supervisor_id as current_supervisor,
           t.requires_supervision,
           floor((row_number() over (partition by pl.practice_id, t.id order by pl.wanted, pl.sk) - 1) * 9120.0
                 / count(*) over (partition by pl.practice_id, t.id))::int as slot
    from planned pl join bcl t on t.p = pl.p and t.rank = pl.rank
    offset 0),
timed as (
    select pd.*, s.anchor_e,
           s.base_e + (pd.slot / 12) * 86400 + (8 + pd.slot % 12) * 3600 as start_e,
           (array['90834', '90834', '90834', '90837', '90832', '90791', '90847'])[1 + floor(7 * bench.u(pd.sk, 34))::int]
               as code,
           bench.u(pd.sk, 35) as v_status,
           bench.u(pd.sk, 36) as v_pending,
           bench.u(pd.sk, 37) as v_note
    from placed pd cross join bench_time s
    offset 0),
outcome as (
    select t.*,
           case t.code when '90834' then 50 when '90837' then 55 when '90832' then 30 when '90791' then 60 else 50 end
               as minutes,
           case t.code when '90834' then 13000 when '90837' then 17000 when '90832' then 9000 when '90791' then 20000
               else 15000 end as charge,
           case when t.start_e < t.anchor_e then
                    case when t.v_status < 0.86 then 'COMPLETED' when t.v_status < 0.93 then 'CANCELLED' else 'NO_SHOW' end
                when not t.client_active or t.v_status >= 0.9 then 'CANCELLED'
                else 'SCHEDULED' end as status
    from timed t
    offset 0),
noted as (
    select o.*,
           case when o.status <> 'COMPLETED' then 'NONE'
                when o.v_pending >= case when o.start_e > o.anchor_e - 14 * 86400 then 0.5 else 0.03 end then 'SIGNED'
                when o.requires_supervision and o.v_note < 0.5 then 'AWAITING_COSIGN'
                when o.v_note < 0.8 then 'DRAFT'
                else 'NONE' end as note_status
    from outcome o
    offset 0)
select n.practice_id, gen_random_uuid(), n.client_id, n.therapist_id, to_timestamp(n.start_e),
       to_timestamp(n.start_e + n.minutes * 60), n.minutes, n.code, n.charge, n.status, n.billing_modifier,
       case when n.status = 'COMPLETED' then n.current_supervisor end,
       n.note_status,
       case when n.note_status <> 'NONE' then 'Progress note (generated for the benchmark).' end,
       case when n.note_status in ('SIGNED', 'AWAITING_COSIGN') then to_timestamp(least(n.start_e + 86400, n.anchor_e)) end,
       case when n.note_status = 'SIGNED' and n.requires_supervision then n.current_supervisor end,
       case when n.note_status = 'SIGNED' and n.requires_supervision
            then to_timestamp(least(n.start_e + 2 * 86400, n.anchor_e)) end,
       n.therapist_id,
       to_timestamp(least(n.start_e - 7 * 86400, n.anchor_e))
from noted n;
