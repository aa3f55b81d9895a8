-- @title (f) admin: GET /practice (metrics)
-- GET /api/v1/practice as the admin: Practices.get, ClientNumbers.forPractice (practice-wide counts),
-- then the member count by status.
-- @bind practice = practice

select id, name, supervision_enabled, mfa_required from practice where id = :practice;

select (select count(*) from client c where c.practice_id = :practice and c.status = 'ACTIVE') as active_clients,
       (select count(*) from client c where c.practice_id = :practice and c.status = 'ACTIVE'
          and c.risk_level in ('HIGH', 'IMMINENT')) as high_risk,
       (select count(*) from session s where s.practice_id = :practice
          and s.status = 'COMPLETED' and s.note_status <> 'SIGNED') as pending_notes;

select status, count(*) as n from member where practice_id = :practice and removed_at is null group by status
