-- @title (f) admin: GET /practice (metrics)
-- GET /api/v1/practice as the admin: Practices.get, ClientNumbers.forPractice (the sum of the kept counts, V33),
-- then the member count by status.
-- @bind practice = practice

select id, name, supervision_enabled, mfa_required from practice where id = :practice;

select coalesce(sum(active_clients), 0) as active_clients,
       coalesce(sum(high_risk_clients), 0) as high_risk,
       coalesce(sum(pending_notes), 0) as pending_notes, count(*) as rows
from practice_count where practice_id = :practice;

select status, count(*) as n from member where practice_id = :practice and removed_at is null group by status
