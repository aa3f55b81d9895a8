-- @title (f) admin: GET /practice (metrics)
-- GET /api/v1/practice as the admin: Practices.get, then Practices.metrics -> member count by status and
-- ClientNumbers.forPractice with the admin's ClientVisibility predicate, as of 03ffe9c.
-- @bind practice = practice
-- @bind vis_practice = practice
-- @bind vis_member = admin

select id, name, supervision_enabled, mfa_required from practice where id = :practice;

select status, count(*) as n from member
where practice_id = :practice and removed_at is null group by status;

select (select count(*) from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and c.status = 'ACTIVE') as active_clients, (select count(*) from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and c.status = 'ACTIVE' and c.risk_level in ('HIGH', 'IMMINENT')) as high_risk, (select count(*) from session s join client c on c.practice_id = s.practice_id and c.id = s.client_id where s.status = 'COMPLETED' and s.note_status <> 'SIGNED' and c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE')) as pending_notes;
