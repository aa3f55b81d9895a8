-- @title (d) supervisor: a supervisee's caseload
-- GET /api/v1/therapists/{supervisee}/caseload as the supervisor: ClientVisibility.caseloadsOpenTo, then
-- Clients.caseloadQuery (the relation rows of the supervisee).
-- @bind vis_practice = practice
-- @bind vis_member = supervisor
-- @bind therapists = supervisee
-- @bind practice = practice
-- @bind therapist = supervisee
-- @bind limit = 51

select t.id from member t where t.practice_id = :vis_practice and t.id in (:therapists) and t.removed_at is null
  and t.id = any(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null)) and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE');

select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status,
c.risk_level,
(select t.status from member t where t.practice_id = c.practice_id and t.id = c.therapist_id)
    as therapist_status,
(select array[n.sessions_count, n.pending_notes,
              (extract(epoch from n.last_session_at) * 1000000)::bigint]
 from client_numbers n where n.practice_id = c.practice_id and n.client_id = c.id) as numbers, k.category
from caseload k
join client c on c.practice_id = k.practice_id and c.id = k.client_id
where k.practice_id = :practice and k.member_id = :therapist and k.category <> 'RENDERED'
order by k.sort_name, k.client_id limit :limit;
