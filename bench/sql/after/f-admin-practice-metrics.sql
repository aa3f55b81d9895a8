-- @title (f) admin: GET /practice (metrics)
-- GET /api/v1/practice as the admin (Practices.overview): ClientNumbers.forPractice (the sum of the kept counts,
-- V33, V39), then the practice with its members counted by status, in one statement.
-- @bind practice = practice
-- @bind members = true

select coalesce(sum(all_clients), 0) as all_clients,
       coalesce(sum(active_clients), 0) as active_clients,
       coalesce(sum(high_risk_clients), 0) as high_risk,
       coalesce(sum(pending_notes), 0) as pending_notes, count(*) as rows
from practice_count where practice_id = :practice;

select p.id, p.name, p.supervision_enabled, p.mfa_required, p.time_zone,
       m.statuses, m.counts
from practice p
cross join lateral (
    select array_agg(g.status) as statuses, array_agg(g.n) as counts
    from (select status, count(*) as n from member
          where practice_id = p.id and removed_at is null and :members
          group by status) g) m
where p.id = :practice
