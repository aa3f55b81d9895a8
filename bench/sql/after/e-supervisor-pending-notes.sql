-- @title (e) supervisor: pending notes
-- GET /api/v1/notes/pending as the supervisor: Sessions.list with ClientVisibility.sessionPredicate
-- (sessions of clients the lens holds, and sessions the lens rendered), first page of 50.
-- @bind vis_practice = practice
-- @bind vis_member = supervisor
-- @bind scope = null
-- @bind limit = 51

select p.*, t.status as therapist_status
from (select s.practice_id, s.id, s.client_id, s.therapist_id, s.starts_at, s.duration_minutes, s.service_code,
       s.charge_cents, s.status, s.note_status, s.note_text, s.note_signed_at, s.note_cosigned_by,
       s.note_cosigned_at
from session s
 where s.practice_id = :vis_practice and s.status = 'COMPLETED' and s.note_status <> 'SIGNED' and cast(:scope as uuid) is null and s.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and (s.client_id = any(array(select vis_k.client_id from caseload vis_k
      where vis_k.practice_id = :vis_practice and vis_k.member_id = any(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null))
        and vis_k.category <> 'RENDERED')) or (s.therapist_id = any(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null)) and s.status <> 'CANCELLED')) order by s.starts_at desc, s.id desc limit :limit) p
join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
order by p.starts_at desc, p.id desc;
