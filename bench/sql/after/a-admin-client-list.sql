-- @title (a) admin: client list, first page
-- GET /api/v1/clients as the admin. Clients.listQuery(ClientVisibility predicate of an Active admin,
-- Filter.NONE, no cursor, 50), unchanged by the relation (admins see the whole practice); limit = 50 + 1.
-- @bind vis_practice = practice
-- @bind vis_member = admin
-- @bind limit = 51

select p.*, coalesce(m.sessions_count, 0) as sessions_count, m.last_session_at,
       coalesce(m.pending_notes, 0) as pending_notes, t.status as therapist_status
from (select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status, c.risk_level from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') order by lower(c.full_name), c.id limit :limit) p
join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
left join client_numbers m on m.practice_id = p.practice_id and m.client_id = p.id
order by lower(p.full_name), p.id;
