-- Issue 9, the cost of a request: the statement every authenticated request runs first (its sign-in token,
-- its member and the member's role, and the idle window slid at most once a minute), as a function planned
-- once per connection.
--
-- The pool runs with plan_cache_mode=force_custom_plan (a generic plan for a supervisor's pending notes was
-- 5x slower), so this statement was planned on every request: 0.3-0.5 ms of planning for 0.05 ms of
-- execution, on every request. Its plan is the same whatever the values (primary-key lookups only), so it
-- is planned once per connection here, like caseload_sync().
--
-- The touch is now an update by primary key. Before, it joined the token read in a CTE, and the planner
-- scanned every non-revoked token of the installation (auth_token_member_idx) to find the one to touch.
create function auth_token_resolve(p_hash bytea, p_idle_since timestamptz, p_now timestamptz,
                                   p_touch_before timestamptz)
returns table (account_id uuid, practice_id uuid, member_id uuid, scope text, member_role_id uuid, status text,
               admin boolean, role_id uuid, role_name text, role_features text, role_requires_supervision boolean,
               role_can_supervise boolean, role_billing_modifier text)
language plpgsql
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
    -- Slides the idle window of a token still in it, at most once per touch granularity: most requests
    -- write nothing. An expired or revoked token is never revived.
    update auth_token set last_used_at = p_now
    where token_hash = p_hash and revoked_at is null and last_used_at > p_idle_since
      and last_used_at < p_touch_before;

    return query
    select t.account_id, t.practice_id, t.member_id, t.scope, m.role_id, m.status, m.admin,
           r.id, r.name, r.features::text, r.requires_supervision, r.can_supervise, r.billing_modifier
    from auth_token t
    join member m on m.practice_id = t.practice_id and m.id = t.member_id and m.removed_at is null
    left join role r on r.practice_id = m.practice_id and r.id = m.role_id and r.deleted_at is null
    where t.token_hash = p_hash and t.revoked_at is null and t.last_used_at > p_idle_since;
end $$;
