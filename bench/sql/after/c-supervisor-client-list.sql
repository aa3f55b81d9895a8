-- @title (c) supervisor: client list (own + supervisees)
-- GET /api/v1/clients as a supervisor: Clients.listQuery over ClientVisibility.pagePredicate (each lens member's first rows in name order, V32) with the lens.
-- @bind vis_practice = practice
-- @bind vis_member = supervisor
-- @bind limit = 51
-- @bind vis_limit = 51

select c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status,
c.risk_level,
(select t.status from member t where t.practice_id = c.practice_id and t.id = c.therapist_id)
    as therapist_status,
(select array[n.sessions_count, n.pending_notes,
              (extract(epoch from n.last_session_at) * 1000000)::bigint]
 from client_numbers n where n.practice_id = c.practice_id and n.client_id = c.id) as numbers from client c where c.practice_id = :vis_practice and exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE') and c.id = any(array(select vis_page.client_id from (select distinct vis_first.sort_name, vis_first.client_id from unnest(array(select cast(:vis_member as uuid) union all
select vis_sv.supervisee_id from supervision vis_sv
join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                  and vis_se.removed_at is null
where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
  and vis_sv.ended_at is null)) vis_m(member_id) cross join lateral (select vis_k.sort_name, vis_k.client_id from caseload vis_k where vis_k.practice_id = :vis_practice and vis_k.member_id = vis_m.member_id and vis_k.category <> 'RENDERED' order by vis_k.sort_name, vis_k.client_id limit :vis_limit) vis_first order by vis_first.sort_name, vis_first.client_id limit :vis_limit) vis_page)) order by lower(c.full_name), c.id limit :limit;
