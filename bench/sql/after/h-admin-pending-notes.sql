-- @title (h) admin: pending notes
-- GET /api/v1/notes/pending as the admin: Sessions.pendingNotes with ClientVisibility.sessionPredicate of
-- an Active admin (the whole practice), first page of 50; copied from PostgreSQL's statement log while the
-- app served the request.
-- @bind vis_practice = practice
-- @bind vis_member = admin
-- @bind limit = 51

select p.*, t.status as therapist_status
from (select s.practice_id, s.id, s.client_id, s.therapist_id, s.starts_at, s.duration_minutes, s.service_code,
       s.charge_cents, s.status, s.note_status, s.note_text, s.note_signed_at, s.note_cosigned_by,
       s.note_cosigned_at from session s where s.practice_id = :vis_practice and s.status = 'COMPLETED'
       and s.note_status <> 'SIGNED' and s.practice_id = :vis_practice
       and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE')
       order by s.starts_at desc, s.id desc limit :limit) p
join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
order by p.starts_at desc, p.id desc;
