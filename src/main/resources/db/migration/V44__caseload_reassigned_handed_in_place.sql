-- Issue 9, bulk reassignment (caseload_reassigned, V42, the same rows in fewer writes):
--   * whether the old therapist still renders sessions of a moved client is looked up by the client, not by
--     the therapist;
--   * when the old therapist keeps nothing and the new one had no row, the old row is handed over in place.
--
-- Asked with the therapist, the planner chooses the exclusion constraint's GiST index on (practice_id,
-- therapist_id, time range), whose cost it estimates like the partial btree's; it then reads every session
-- of the therapist and filters for the client. Moving 10,000 clients away from the big practice's
-- therapists spent 1.0 s there (explain analyze: 93 buffers per client); by client, 0.07 s warm.

create or replace function caseload_reassigned(p_practice uuid[], p_client uuid[], p_from uuid[], p_to uuid[], p_kind text[],
                                    p_sort_name text[]) returns void
language plpgsql as $$
begin
    if cardinality(p_client) = 0 then
        return;
    end if;
    perform caseload_lock(p_practice, p_client);

    -- The old therapist keeps the client only as one who renders its sessions. Whether they do is asked once
    -- per client, first (materialized), through the client's own sessions (a handful), and only then who
    -- renders each: "is true" keeps the therapist out of the index lookup. Given the therapist, the planner
    -- takes the exclusion constraint's GiST index on (practice, therapist, time), which reads every session
    -- of the therapist to find the client's (~400 rows, ~90 buffers per client at a million clients): 1.0 s
    -- for 10,000 clients of real therapists, against 0.07 s by client.
    --
    -- When the old therapist keeps nothing and the new one held no row of the client (the usual move), the
    -- old row becomes the new one's in place ("handed"): one row version and the member's foreign-key check,
    -- instead of a delete, an insert and both foreign-key checks (0.3 s of a 10,000-client move).
    with moved as materialized (
        select m.practice_id, m.client_id, m.from_id, m.to_id, m.kind, m.sort_name,
               exists (select 1 from session s
                       where s.practice_id = m.practice_id and s.client_id = m.client_id
                         and (s.therapist_id = m.from_id) is true and s.status <> 'CANCELLED') as renders,
               exists (select 1 from caseload t
                       where t.practice_id = m.practice_id and t.client_id = m.client_id
                         and t.member_id = m.to_id) as to_holds
        from unnest(p_practice, p_client, p_from, p_to, p_kind, p_sort_name)
             as m(practice_id, client_id, from_id, to_id, kind, sort_name)
    ), handed as (
        update caseload k
        set member_id = m.to_id, category = case m.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end,
            sort_name = m.sort_name
        from moved m
        where k.practice_id = m.practice_id and k.client_id = m.client_id and k.member_id = m.from_id
          and not m.renders and not m.to_holds
        returning k.practice_id, k.client_id
    ), gone as (
        delete from caseload k
        using moved m
        where k.practice_id = m.practice_id and k.client_id = m.client_id and k.member_id = m.from_id
          and not m.renders and m.to_holds
    ), kept as (
        update caseload k set category = case m.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end
        from moved m
        where k.practice_id = m.practice_id and k.client_id = m.client_id and k.member_id = m.from_id and m.renders
          and k.category <> case m.kind when 'PRACTICE' then 'WALK_IN' else 'RENDERED' end
    )
    -- The new therapist holds every other moved client, whatever row they had for it before.
    insert into caseload (practice_id, member_id, client_id, category, sort_name)
    select m.practice_id, m.to_id, m.client_id, case m.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end,
           m.sort_name
    from moved m
    where not exists (select 1 from handed h where h.practice_id = m.practice_id and h.client_id = m.client_id)
    on conflict (practice_id, member_id, client_id) do update
        set category = excluded.category, sort_name = excluded.sort_name
        where caseload.category <> excluded.category or caseload.sort_name <> excluded.sort_name;
end $$;

-- Planned once per connection, like caseload_sync(): every statement is driven by the moved clients through
-- key lookups, whatever their number.
alter function caseload_reassigned(uuid[], uuid[], uuid[], uuid[], text[], text[]) set plan_cache_mode = force_generic_plan;
