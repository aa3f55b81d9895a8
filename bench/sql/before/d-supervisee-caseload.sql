-- @title (d) supervisor: a supervisee's caseload
-- GET /api/v1/therapists/{supervisee}/caseload as the supervisor: ClientVisibility.mayViewCaseloadOf,
-- then Clients.caseloadQuery(the supervisor's predicate, the supervisee, no cursor, 50), as of 03ffe9c.
-- @bind me = supervisor
-- @bind practice = practice
-- @bind therapist = supervisee
-- @bind wholePractice = false
-- @bind viaSupervisees = true
-- @bind vis_practice = practice
-- @bind vis_member = supervisor
-- @bind limit = 51

select exists (
    select 1 from member t
    join member me on me.practice_id = t.practice_id and me.id = :me
                  and me.removed_at is null and me.status <> 'INACTIVE'
    where t.practice_id = :practice and t.id = :therapist and t.removed_at is null
      and (:wholePractice or t.id = me.id
           or (:viaSupervisees and exists (
                select 1 from supervision sv
                join practice p on p.id = sv.practice_id and p.supervision_enabled
                where sv.practice_id = t.practice_id and sv.supervisee_id = t.id
                  and sv.supervisor_id = me.id and sv.ended_at is null))));

select p.*, m.sessions_count, m.last_session_at, m.pending_notes, t.status as therapist_status
from (select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status, c.risk_level,
       case when c.therapist_id <> :therapist then 'WALK_IN'
            when c.kind = 'DIRECT' then 'DIRECT' else 'PRIMARY' end as category
from client c
where c.id = any(array(
        select x.id from client x where x.practice_id = :vis_practice and x.therapist_id = :therapist
        union
        select s.client_id from session s
        join client w on w.practice_id = s.practice_id and w.id = s.client_id and w.kind = 'PRACTICE'
        where s.practice_id = :vis_practice and s.therapist_id = :therapist and s.status <> 'CANCELLED'))
  and c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and c.id = any(array(select vis_c.id from client vis_c
      where vis_c.practice_id = :vis_practice and vis_c.therapist_id = any(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null))
      union
      select vis_s.client_id from session vis_s
      join client vis_w on vis_w.practice_id = vis_s.practice_id and vis_w.id = vis_s.client_id
                       and vis_w.kind = 'PRACTICE'
      where vis_s.practice_id = :vis_practice and vis_s.therapist_id = any(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null))
        and vis_s.status <> 'CANCELLED'))
order by lower(c.full_name), c.id limit :limit) p
join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
cross join lateral (
    select count(*) filter (where s.status = 'COMPLETED') as sessions_count,
           max(s.starts_at) filter (where s.status = 'COMPLETED') as last_session_at,
           count(*) filter (where s.status = 'COMPLETED' and s.note_status <> 'SIGNED') as pending_notes
    from session s where s.practice_id = p.practice_id and s.client_id = p.id) m
order by lower(p.full_name), p.id;
