-- @title (b) plain therapist: own client list
-- GET /api/v1/clients as a plain Licensed Therapist: Clients.listQuery over ClientVisibility.pagePredicate (each lens member's first rows in name order, V32).
-- @bind vis_practice = practice
-- @bind vis_member = therapist
-- @bind limit = 51
-- @bind vis_limit = 51

select p.*, m.sessions_count, m.last_session_at, m.pending_notes, t.status as therapist_status
from ( select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status, c.risk_level from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and c.id = any(array(select vis_page.client_id from (select distinct vis_first.sort_name, vis_first.client_id from unnest(array(select cast(:vis_member as uuid))) vis_m(member_id) cross join lateral (select vis_k.sort_name, vis_k.client_id from caseload vis_k where vis_k.practice_id = :vis_practice and vis_k.member_id = vis_m.member_id and vis_k.category <> 'RENDERED' order by vis_k.sort_name, vis_k.client_id limit :vis_limit) vis_first order by vis_first.sort_name, vis_first.client_id limit :vis_limit) vis_page)) order by lower(c.full_name), c.id limit :limit) p
join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
cross join lateral (
    select count(*) filter (where s.status = 'COMPLETED') as sessions_count,
           max(s.starts_at) filter (where s.status = 'COMPLETED') as last_session_at,
           count(*) filter (where s.status = 'COMPLETED' and s.note_status <> 'SIGNED') as pending_notes
    from session s where s.practice_id = p.practice_id and s.client_id = p.id) m
order by lower(p.full_name), p.id;
