-- @title (a) admin: client list, first page
-- GET /api/v1/clients as the admin. Clients.listQuery(ClientVisibility predicate of an Active admin,
-- Filter.NONE, no cursor, 50), unchanged by the relation (admins see the whole practice); limit = 50 + 1.
-- @bind vis_practice = practice
-- @bind vis_member = admin
-- @bind limit = 51

select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status,
c.risk_level,
(select t.status from member t where t.practice_id = c.practice_id and t.id = c.therapist_id)
    as therapist_status,
(select array[n.sessions_count, n.pending_notes,
              (extract(epoch from n.last_session_at) * 1000000)::bigint]
 from client_numbers n where n.practice_id = c.practice_id and n.client_id = c.id) as numbers from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') order by lower(c.full_name), c.id limit :limit;
